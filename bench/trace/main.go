// Reads a Pulumi engine trace (`pulumi up --tracing file:PATH`, an appdash memory store written with
// gob) and prints where the time went: per gRPC method and resource type, how many calls, their
// median and summed durations, and when the first started and the last ended (seconds from the
// start of the `pulumi` span). Provider calls (Check, Diff, Create, Update, ...) are the engine's
// client spans; RegisterResource and RegisterResourceOutputs are the program's calls to the engine
// (server spans), which last until the engine has carried out the step.
//
//	go run . TRACE_FILE           the table
//	go run . --spans TRACE_FILE   every span as a JSON line {"id","parent","name","start","end","tags"} (Unix ns)
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

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

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

func readSpans(file string) []span {
	f, err := os.Open(file)
	if err != nil {
		fail(err)
	}
	defer f.Close()
	store := appdash.NewMemoryStore()
	if _, err := store.ReadFrom(f); err != nil {
		fail(fmt.Errorf("reading the trace: %w", err))
	}
	traces, err := store.Traces(appdash.TracesOpts{})
	if err != nil {
		fail(err)
	}
	var spans []span
	var walk func(t *appdash.Trace)
	walk = func(t *appdash.Trace) {
		s := span{ID: t.Span.ID.Span.String(), Parent: t.Span.ID.Parent.String(), Name: t.Span.Name(), Tags: t.Span.Annotations.StringMap()}
		if ts, err := t.TimespanEvent(); err == nil {
			s.Start, s.End = ts.Start().UnixNano(), ts.End().UnixNano()
		}
		spans = append(spans, s)
		for _, c := range t.Sub {
			walk(c)
		}
	}
	for _, t := range traces {
		walk(t)
	}
	return spans
}

// A row of the table: one gRPC method for one resource type.
type row struct {
	method, resourceType string
	durations            []float64
	firstStart, lastEnd  float64
}

// The rows: provider calls (client spans) and the program's registrations (server spans), keyed by
// the method's last path element and the `pulumi-decorator` tag (the resource type, when there is one).
func summarize(spans []span) (total float64, rows []*row) {
	var t0 int64
	for _, s := range spans {
		if s.Name == "pulumi" {
			t0, total = s.Start, float64(s.End-s.Start)/1e9
		}
	}
	if t0 == 0 {
		fail(fmt.Errorf("no `pulumi` span: not a trace of a pulumi command"))
	}
	byKey := map[string]*row{}
	for _, s := range spans {
		method := s.Name[strings.LastIndex(s.Name, "/")+1:]
		registration := strings.HasPrefix(method, "RegisterResource")
		kind := s.Tags["span.kind"]
		if !(kind == "client" && strings.Contains(s.Name, "ResourceProvider/")) && !(kind == "server" && registration) {
			continue
		}
		key := method + " " + s.Tags["pulumi-decorator"]
		r := byKey[key]
		if r == nil {
			r = &row{method: method, resourceType: s.Tags["pulumi-decorator"], firstStart: 1e18}
			byKey[key] = r
			rows = append(rows, r)
		}
		r.durations = append(r.durations, float64(s.End-s.Start)/1e9)
		r.firstStart = min(r.firstStart, float64(s.Start-t0)/1e9)
		r.lastEnd = max(r.lastEnd, float64(s.End-t0)/1e9)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].firstStart < rows[j].firstStart })
	return total, rows
}

func main() {
	args := os.Args[1:]
	dump := len(args) == 2 && args[0] == "--spans"
	if len(args) != 1 && !dump {
		fmt.Fprintln(os.Stderr, "usage: trace [--spans] TRACE_FILE")
		os.Exit(2)
	}
	spans := readSpans(args[len(args)-1])
	if dump {
		out := json.NewEncoder(os.Stdout)
		for _, s := range spans {
			if err := out.Encode(s); err != nil {
				fail(err)
			}
		}
		return
	}
	total, rows := summarize(spans)
	fmt.Printf("pulumi: %.1f s\n\n", total)
	fmt.Println("| call | resource type | calls | median (s) | sum (s) | first start (s) | last end (s) |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, r := range rows {
		sort.Float64s(r.durations)
		sum := 0.0
		for _, d := range r.durations {
			sum += d
		}
		fmt.Printf("| %s | %s | %d | %.2f | %.1f | %.1f | %.1f |\n", r.method, r.resourceType, len(r.durations), r.durations[len(r.durations)/2], sum, r.firstStart, r.lastEnd)
	}
}
