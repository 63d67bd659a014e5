// Command hclfmt reports .tf files that hclwrite (the formatter behind `terraform fmt`) would
// change. The infra tests use it only where no terraform binary is installed.
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

func main() {
	bad := 0
	for _, path := range os.Args[1:] {
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if _, diags := hclwrite.ParseConfig(src, path, hcl.InitialPos); diags.HasErrors() {
			fmt.Fprintf(os.Stderr, "%s: %s\n", path, diags.Error())
			bad++
			continue
		}
		if !bytes.Equal(hclwrite.Format(src), src) {
			fmt.Println(path)
			bad++
		}
	}
	if bad > 0 {
		os.Exit(1)
	}
}
