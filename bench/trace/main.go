// Dumps the spans of a Pulumi engine trace (`pulumi up --tracing file:PATH`, an appdash memory store
// written with gob) as JSON lines: {"id","parent","name","start","end","tags"}, times in Unix nanoseconds.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/pulumi/appdash"
)

type span struct {
	ID     string            `json:"id"`
	Parent string            `json:"parent"`
	Name   string            `json:"name"`
	Start  int64             `json:"start"`
	End    int64             `json:"end"`
	Tags   map[string]string `json:"tags"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: trace TRACE_FILE")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	store := appdash.NewMemoryStore()
	if _, err := store.ReadFrom(f); err != nil {
		fmt.Fprintln(os.Stderr, "reading the trace:", err)
		os.Exit(1)
	}
	traces, err := store.Traces(appdash.TracesOpts{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out := json.NewEncoder(os.Stdout)
	var walk func(t *appdash.Trace)
	walk = func(t *appdash.Trace) {
		s := span{ID: t.Span.ID.Span.String(), Parent: t.Span.ID.Parent.String(), Name: t.Span.Name(), Tags: t.Span.Annotations.StringMap()}
		if ts, err := t.TimespanEvent(); err == nil {
			s.Start, s.End = ts.Start().UnixNano(), ts.End().UnixNano()
		}
		if err := out.Encode(s); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		for _, c := range t.Sub {
			walk(c)
		}
	}
	for _, t := range traces {
		walk(t)
	}
}
