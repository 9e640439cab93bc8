// pulumi-language-nodejs: runs Node.js programs, plugins and policy packs with the
// @pulumi/pulumi launchers found in the program's own node_modules, and links generated SDKs into
// package.json (npm only).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	codegen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"omnia.local/language-hosts/host"
)

type nodejs struct{}

func (nodejs) Name() string       { return "nodejs" }
func (nodejs) Executable() string { return "node" }

// launcher finds @pulumi/pulumi/cmd/<name> in the node_modules of dir or a parent, as Node would.
func launcher(dir, name string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		candidate := filepath.Join(d, "node_modules", "@pulumi", "pulumi", "cmd", name)
		if _, err := os.Stat(candidate); err == nil {
			return candidate, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("@pulumi/pulumi is not installed for %s (no node_modules/@pulumi/pulumi/cmd/%s here or above): run npm install", dir, name)
		}
	}
}

func nodeArgs(info *pulumirpc.ProgramInfo) []string {
	return strings.Fields(host.Option(info, "nodeargs"))
}

func typeScriptEnv(info *pulumirpc.ProgramInfo) []string {
	typescript := host.Option(info, "typescript") != "false"
	env := []string{"PULUMI_NODEJS_TYPESCRIPT=" + strconv.FormatBool(typescript)}
	if tsconfig := host.Option(info, "tsconfig"); tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}
	return env
}

func (nodejs) Program(ctx context.Context, req *pulumirpc.RunRequest, engine string) (*exec.Cmd, error) {
	dir := host.ProgramDirectory(req.Info, req.Pwd)
	run, err := launcher(dir, "run")
	if err != nil {
		return nil, err
	}
	entry := "."
	if req.Info != nil && req.Info.EntryPoint != "" {
		entry = req.Info.EntryPoint
	}
	args := append(nodeArgs(req.Info), run,
		"--monitor="+req.MonitorAddress, "--engine="+engine,
		"--project="+req.Project, "--stack="+req.Stack, "--organization="+req.Organization,
		"--parallel="+strconv.Itoa(int(req.Parallel)), "--pwd="+req.Pwd)
	if req.Info != nil && req.Info.RootDirectory != "" {
		args = append(args, "--root-directory="+req.Info.RootDirectory)
	}
	if req.DryRun {
		args = append(args, "--dry-run")
	}
	args = append(append(args, entry), req.Args...)
	config, err := host.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), config...), typeScriptEnv(req.Info)...)
	return cmd, nil
}

// Plugin runs a policy pack (kind analyzer) with run-policy-pack, anything else with run-plugin.
func (nodejs) Plugin(ctx context.Context, req *pulumirpc.RunPluginRequest) (*exec.Cmd, error) {
	dir := host.ProgramDirectory(req.Info, req.Pwd)
	var args []string
	if req.Kind == "analyzer" {
		run, err := launcher(dir, "run-policy-pack")
		if err != nil {
			return nil, err
		}
		args = append(append(append(nodeArgs(req.Info), run), req.Args...), dir)
	} else {
		run, err := launcher(dir, "run-plugin")
		if err != nil {
			return nil, err
		}
		args = append(append(nodeArgs(req.Info), run, dir), req.Args...)
	}
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = dir
	cmd.Env = typeScriptEnv(req.Info)
	return cmd, nil
}

func (nodejs) GeneratePackage(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, loader schema.ReferenceLoader) (map[string][]byte, error) {
	return codegen.GeneratePackage("pulumi", pkg, req.ExtraFiles, req.LocalDependencies, req.Local, loader)
}

// nodeModules is the node_modules directory Node resolves dir's packages from: the nearest one in
// dir or a parent. A plugin inside a package (this repository's provider/) has none of its own.
func nodeModules(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if info, err := os.Stat(filepath.Join(d, "node_modules")); err == nil && info.IsDir() {
			return filepath.Join(d, "node_modules")
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

type manifest struct {
	Name    string          `json:"name"`
	Version string          `json:"version"`
	Pulumi  json.RawMessage `json:"pulumi"`
	Scripts map[string]any  `json:"scripts"`
}

func readManifest(dir string) (*manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "package.json"), err)
	}
	return &m, nil
}

// RequiredPackages reads the "pulumi" key of every package installed where Node resolves dir's
// packages from, nested node_modules and linked (file:) packages included.
func (nodejs) RequiredPackages(_ context.Context, _ *pulumirpc.ProgramInfo, dir string) ([]*pulumirpc.PackageDependency, error) {
	var packages []*pulumirpc.PackageDependency
	seen := map[string]bool{}
	var walk func(modules string)
	visit := func(pkgDir string) {
		real, err := filepath.EvalSymlinks(pkgDir)
		if err != nil || seen[real] {
			return
		}
		seen[real] = true
		// Unreadable manifests and odd "pulumi" keys (@pulumi/pulumi has a comment there) declare no plugin.
		if m, err := readManifest(real); err == nil && len(m.Pulumi) > 0 {
			var decl plugin.PulumiPluginJSON
			if json.Unmarshal(m.Pulumi, &decl) == nil {
				name := strings.TrimPrefix(strings.TrimPrefix(m.Name, "@pulumi/"), "@")
				if pkg := host.Package(&decl, name, m.Version); pkg != nil {
					packages = append(packages, pkg)
				}
			}
		}
		walk(filepath.Join(real, "node_modules"))
	}
	walk = func(modules string) {
		entries, _ := os.ReadDir(modules)
		for _, e := range entries {
			switch name := e.Name(); {
			case strings.HasPrefix(name, "."):
			case strings.HasPrefix(name, "@"):
				scoped, _ := os.ReadDir(filepath.Join(modules, name))
				for _, s := range scoped {
					visit(filepath.Join(modules, name, s.Name()))
				}
			default:
				visit(filepath.Join(modules, name))
			}
		}
	}
	if modules := nodeModules(dir); modules != "" {
		walk(modules)
	}
	return host.Dedupe(packages), nil
}

// npm runs npm in dir, returning its trimmed output.
func npm(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "npm", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("npm %s in %s: %w: %s", strings.Join(args, " "), dir, err, out)
	}
	return strings.TrimSpace(string(out)), nil
}

// Link adds each SDK to package.json's dependencies as file:<path>, with npm pkg so the file keeps
// its layout. An SDK with install scripts (a local SDK compiles itself on install) is also added to
// allowScripts, which npm 11.16+ warns about and npm 12 requires.
func (nodejs) Link(ctx context.Context, _ *pulumirpc.ProgramInfo, root string, sdks []*pulumirpc.LinkRequest_LinkDependency) (string, error) {
	if _, err := os.Stat(filepath.Join(root, "package.json")); err != nil {
		return "", fmt.Errorf("link: %s has no package.json to add the SDK to: %w", root, err)
	}
	var imports []string
	for _, sdk := range sdks {
		m, err := readManifest(filepath.Join(root, sdk.Path))
		if err != nil {
			return "", fmt.Errorf("link: the generated SDK: %w", err)
		}
		spec := "file:" + filepath.ToSlash(sdk.Path)
		if _, err := npm(ctx, root, "pkg", "set", "dependencies."+m.Name+"="+spec); err != nil {
			return "", err
		}
		if m.Scripts["preinstall"] != nil || m.Scripts["install"] != nil || m.Scripts["postinstall"] != nil {
			allowed := map[string]any{}
			if out, err := npm(ctx, root, "pkg", "get", "allowScripts"); err == nil && out != "{}" {
				_ = json.Unmarshal([]byte(out), &allowed) // "undefined" or "{}" when unset
			}
			allowed[spec] = true
			value, _ := json.Marshal(allowed)
			if _, err := npm(ctx, root, "pkg", "set", "--json", "allowScripts="+string(value)); err != nil {
				return "", err
			}
		}
		imports = append(imports, fmt.Sprintf("import * as %s from %q;", host.Identifier(sdk.Package.Name), m.Name))
	}
	return "You can then import the SDK in your TypeScript code with:\n\n  " + strings.Join(imports, "\n  "), nil
}

// Install runs npm install where the program's (or plugin's) package.json is; for this repository's
// provider/ that runs its prepare script, which builds the package when a git clone has no build. A
// plugin without a package.json uses the packages of the package it sits in, which its owner
// installs: npm would otherwise climb to that package and install there.
func (nodejs) Install(ctx context.Context, req *pulumirpc.InstallDependenciesRequest, dir string, stdout, stderr io.Writer) error {
	if pm := host.Option(req.Info, "packagemanager"); pm != "" && pm != "npm" {
		return fmt.Errorf("this nodejs host installs with npm only, not the packagemanager %q", pm)
	}
	if _, err := os.Stat(filepath.Join(dir, "package.json")); os.IsNotExist(err) {
		fmt.Fprintf(stdout, "No package.json in %s: nothing to install (packages resolve from %s)\n", dir, nodeModules(dir))
		return nil
	}
	return host.Command(ctx, dir, stdout, stderr, "npm", "install", "--loglevel=error", "--no-audit", "--no-fund")
}

func main() { host.Main(nodejs{}) }
