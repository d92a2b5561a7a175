var fromA = "a/x";
