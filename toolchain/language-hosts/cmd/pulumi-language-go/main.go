// pulumi-language-go: builds a Go program with the go toolchain on PATH and runs the binary; links
// generated SDKs into go.mod (require + replace).
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/modfile"

	codegen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"omnia.local/language-hosts/host"
)

type golang struct{}

func (golang) Name() string       { return "go" }
func (golang) Executable() string { return "go" }

// build compiles the program (or uses the `binary` runtime option) into a temporary directory.
func build(ctx context.Context, info *pulumirpc.ProgramInfo, dir string) (string, error) {
	if binary := host.Option(info, "binary"); binary != "" {
		if !filepath.IsAbs(binary) {
			binary = filepath.Join(dir, binary)
		}
		return binary, nil
	}
	// One binary per program directory, rebuilt each run (go's build cache keeps that fast).
	binary := filepath.Join(os.TempDir(), "pulumi-go-programs", fmt.Sprintf("%x", sha256.Sum256([]byte(dir))), "program")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", binary, ".")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build of %s failed: %w", dir, err)
	}
	return binary, nil
}

func (golang) Program(ctx context.Context, req *pulumirpc.RunRequest, engine string) (*exec.Cmd, error) {
	dir := host.ProgramDirectory(req.Info, req.Pwd)
	binary, err := build(ctx, req.Info, dir)
	if err != nil {
		return nil, err
	}
	config, err := host.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, binary, req.Args...)
	cmd.Dir = req.Pwd
	cmd.Env = append(append(os.Environ(), config...),
		"PULUMI_MONITOR="+req.MonitorAddress, "PULUMI_ENGINE="+engine,
		"PULUMI_PROJECT="+req.Project, "PULUMI_STACK="+req.Stack, "PULUMI_ORGANIZATION="+req.Organization,
		"PULUMI_DRY_RUN="+strconv.FormatBool(req.DryRun), "PULUMI_PARALLEL="+strconv.Itoa(int(req.Parallel)))
	if req.Info != nil && req.Info.RootDirectory != "" {
		cmd.Env = append(cmd.Env, "PULUMI_ROOT_DIRECTORY="+req.Info.RootDirectory)
	}
	return cmd, nil
}

func (golang) Plugin(context.Context, *pulumirpc.RunPluginRequest) (*exec.Cmd, error) {
	return nil, fmt.Errorf("this go host runs programs only; Go plugins are not supported")
}

func (golang) GeneratePackage(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, _ schema.ReferenceLoader) (map[string][]byte, error) {
	return codegen.GeneratePackage("pulumi", pkg, req.LocalDependencies)
}

// RequiredPackages reads the pulumi-plugin.json of every package the program imports, directly or
// not (go list -deps), so an SDK module counts only when the program uses it.
func (golang) RequiredPackages(ctx context.Context, _ *pulumirpc.ProgramInfo, dir string) ([]*pulumirpc.PackageDependency, error) {
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); os.IsNotExist(err) {
		return nil, nil
	}
	cmd := exec.CommandContext(ctx, "go", "list", "-deps", "-f", "{{if .Module}}{{.Dir}}\t{{.Name}}\t{{.Module.Version}}{{end}}", "./...")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -deps in %s: %w: %s", dir, err, stderr.String())
	}
	var packages []*pulumirpc.PackageDependency
	scanner := bufio.NewScanner(bytes.NewReader(out))
	for scanner.Scan() {
		fields := strings.Split(scanner.Text(), "\t")
		if len(fields) != 3 {
			continue
		}
		decl, err := plugin.LoadPulumiPluginJSON(filepath.Join(fields[0], "pulumi-plugin.json"))
		if os.IsNotExist(err) {
			continue
		} else if err != nil {
			return nil, err
		}
		if pkg := host.Package(decl, fields[1], fields[2]); pkg != nil {
			packages = append(packages, pkg)
		}
	}
	return host.Dedupe(packages), nil
}

// Link requires each SDK's module (the module line of the go.mod the codegen writes into it) and
// replaces it with the SDK's directory, so the program builds against the generated code.
func (golang) Link(_ context.Context, _ *pulumirpc.ProgramInfo, root string, sdks []*pulumirpc.LinkRequest_LinkDependency) (string, error) {
	path := filepath.Join(root, "go.mod")
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("link: the program has no go.mod to add the SDK to: %w", err)
	}
	mod, err := modfile.Parse(path, data, nil)
	if err != nil {
		return "", err
	}
	var imports []string
	for _, sdk := range sdks {
		sdkDir := filepath.Join(root, sdk.Path)
		sdkMod, err := os.ReadFile(filepath.Join(sdkDir, "go.mod"))
		if err != nil {
			return "", fmt.Errorf("link: the generated SDK has no go.mod: %w", err)
		}
		module := modfile.ModulePath(sdkMod)
		if module == "" {
			return "", fmt.Errorf("link: no module line in %s", filepath.Join(sdkDir, "go.mod"))
		}
		// Any version will do: the replace points at the directory.
		if err := mod.AddRequire(module, "v0.0.0"); err != nil {
			return "", err
		}
		if err := mod.AddReplace(module, "", "./"+filepath.ToSlash(sdk.Path), ""); err != nil {
			return "", err
		}
		pkgDir, err := host.PluginDir(sdkDir)
		if err != nil {
			return "", err
		}
		rel, err := filepath.Rel(sdkDir, pkgDir)
		if err != nil {
			return "", err
		}
		imports = append(imports, fmt.Sprintf("import %s %q", host.Identifier(sdk.Package.Name), module+"/"+filepath.ToSlash(rel)))
	}
	mod.Cleanup()
	out, err := mod.Format()
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		return "", err
	}
	return "You can then import the SDK in your Go code with:\n\n  " + strings.Join(imports, "\n  "), nil
}

// Install runs go mod tidy: it downloads the modules the program imports and records the sums of
// the ones a linked SDK adds, which go mod download would not.
func (golang) Install(ctx context.Context, _ *pulumirpc.InstallDependenciesRequest, dir string, stdout, stderr io.Writer) error {
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); os.IsNotExist(err) {
		fmt.Fprintf(stdout, "No go.mod in %s: nothing to install\n", dir)
		return nil
	}
	return host.Command(ctx, dir, stdout, stderr, "go", "mod", "tidy")
}

func main() { host.Main(golang{}) }
