// Command debrief is a terminal app for incident postmortems.
package main

import (
	"os"

	"debrief/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
