package cli

import "flag"

var update = flag.Bool("update", false, "rewrite the expected output of the CLI scripts")
