// Command gomodproxy publishes a module directory at a version into a GOPROXY directory (the file://
// layout of https://go.dev/ref/mod#goproxy-protocol), so that `go get MODULE@VERSION` fetches it the
// way it fetches a tagged release: as a module zip whose checks (paths, sizes, nested modules) pass.
//
// Usage: go run . MODULE_PATH VERSION MODULE_DIR PROXY_DIR
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

func main() {
	if len(os.Args) != 5 {
		fmt.Fprintln(os.Stderr, "usage: gomodproxy MODULE_PATH VERSION MODULE_DIR PROXY_DIR")
		os.Exit(2)
	}
	if err := publish(module.Version{Path: os.Args[1], Version: os.Args[2]}, os.Args[3], os.Args[4]); err != nil {
		fmt.Fprintln(os.Stderr, "gomodproxy:", err)
		os.Exit(1)
	}
}

func publish(v module.Version, dir, proxy string) error {
	escaped, err := module.EscapePath(v.Path)
	if err != nil {
		return err
	}
	at := filepath.Join(proxy, escaped, "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		return err
	}
	var zip bytes.Buffer
	if err := modzip.CreateFromDir(&zip, v, dir); err != nil {
		return err
	}
	goMod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return err
	}
	info, err := json.Marshal(map[string]string{"Version": v.Version, "Time": time.Now().UTC().Format(time.RFC3339)})
	if err != nil {
		return err
	}
	files := map[string][]byte{"list": []byte(v.Version + "\n"), v.Version + ".info": info, v.Version + ".mod": goMod, v.Version + ".zip": zip.Bytes()}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(at, name), content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
