package dsl

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

func TestZZSmoke(t *testing.T) {
	src, _ := os.ReadFile(os.Getenv("SMOKE"))
	cfg, err := EvaluateSource(os.Getenv("SMOKE"), src, map[string]string{"ENV": "prod"})
	if err != nil {
		fmt.Println("ERR:", err)
		return
	}
	b, _ := json.MarshalIndent(cfg, "", "  ")
	fmt.Println(string(b))
	for _, d := range cfg.Domains {
		for _, r := range d.Records {
			fmt.Println(r.Pos, r.Name, r.Type, r.Data)
		}
	}
}
