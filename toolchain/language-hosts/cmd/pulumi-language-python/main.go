// pulumi-language-python: runs Python programs with pulumi-language-python-exec (shipped next to
// this binary) in the interpreter of the project's virtualenv option, or python3 on PATH, and links
// generated SDKs into requirements.txt (the pip toolchain only).
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	codegen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"omnia.local/language-hosts/host"
)

type python struct{}

func (python) Name() string       { return "python" }
func (python) Executable() string { return "python3" }

// virtualenv is the project's virtualenv option as an absolute path ("" when unset).
func virtualenv(info *pulumirpc.ProgramInfo) string {
	venv := host.Option(info, "virtualenv")
	if venv != "" && !filepath.IsAbs(venv) {
		venv = filepath.Join(host.RootDirectory(info), venv)
	}
	return venv
}

// interpreter is <virtualenv>/bin/python when the project names a virtualenv, else python3.
func interpreter(info *pulumirpc.ProgramInfo) string {
	if venv := virtualenv(info); venv != "" {
		return filepath.Join(venv, "bin", "python")
	}
	return "python3"
}

func execScript() (string, error) {
	self, err := os.Executable()
	if err != nil {
		return "", err
	}
	script := filepath.Join(filepath.Dir(self), "pulumi-language-python-exec")
	if _, err := os.Stat(script); err != nil {
		return "", fmt.Errorf("pulumi-language-python-exec must be next to %s: %w", self, err)
	}
	return script, nil
}

func (python) Program(ctx context.Context, req *pulumirpc.RunRequest, engine string) (*exec.Cmd, error) {
	script, err := execScript()
	if err != nil {
		return nil, err
	}
	dir := host.ProgramDirectory(req.Info, req.Pwd)
	program := "."
	if req.Info != nil && req.Info.EntryPoint != "" {
		program = req.Info.EntryPoint
	}
	args := []string{"-u", script,
		"--monitor", req.MonitorAddress, "--engine", engine,
		"--project", req.Project, "--stack", req.Stack, "--organization", req.Organization,
		"--parallel", strconv.Itoa(int(req.Parallel)), "--dry_run", strconv.FormatBool(req.DryRun),
		"--pwd", req.Pwd}
	if req.Info != nil && req.Info.RootDirectory != "" {
		args = append(args, "--root_directory", req.Info.RootDirectory)
	}
	args = append(append(args, program), req.Args...)
	config, err := host.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, interpreter(req.Info), args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), config...), "PYTHONUNBUFFERED=1")
	return cmd, nil
}

func (python) Plugin(context.Context, *pulumirpc.RunPluginRequest) (*exec.Cmd, error) {
	return nil, fmt.Errorf("this python host runs programs only; Python plugins and policy packs are not supported")
}

func (python) GeneratePackage(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, loader schema.ReferenceLoader) (map[string][]byte, error) {
	return codegen.GeneratePackage("pulumi", pkg, req.ExtraFiles, loader)
}

// listPlugins prints, for each installed distribution, the pulumi-plugin.json files of its
// top-level packages. find_spec locates editable installs too (whose files are elsewhere) without
// importing anything.
const listPlugins = `
import importlib.metadata as md, importlib.util, json, os, sys
found = []
for dist in md.distributions():
    names = (dist.read_text("top_level.txt") or "").split()
    if not names:
        tops = {str(f).split("/")[0] for f in dist.files or [] if "/" in str(f)}
        names = sorted(t for t in tops if not t.endswith((".dist-info", ".data")) and t != "..")
    for name in names:
        try:
            spec = importlib.util.find_spec(name)
        except Exception:
            continue
        for location in (spec and spec.submodule_search_locations) or []:
            path = os.path.join(location, "pulumi-plugin.json")
            if os.path.isfile(path):
                found.append({"path": path, "module": name, "version": dist.version})
json.dump(found, sys.stdout)
`

// RequiredPackages reads the pulumi-plugin.json of every package installed in the program's
// interpreter (isolated mode: the program's directory does not shadow installed packages).
func (python) RequiredPackages(ctx context.Context, info *pulumirpc.ProgramInfo, dir string) ([]*pulumirpc.PackageDependency, error) {
	python := interpreter(info)
	if venv := virtualenv(info); venv != "" {
		if _, err := os.Stat(python); err != nil {
			return nil, nil // not created yet: `pulumi install` creates it first
		}
	}
	cmd := exec.CommandContext(ctx, python, "-I", "-c", listPlugins)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("listing the packages installed for %s: %w: %s", python, err, stderr.String())
	}
	var found []struct{ Path, Module, Version string }
	if err := json.Unmarshal(out, &found); err != nil {
		return nil, err
	}
	var packages []*pulumirpc.PackageDependency
	for _, f := range found {
		decl, err := plugin.LoadPulumiPluginJSON(f.Path)
		if err != nil {
			return nil, err
		}
		if pkg := host.Package(decl, strings.TrimPrefix(f.Module, "pulumi_"), f.Version); pkg != nil {
			packages = append(packages, pkg)
		}
	}
	return host.Dedupe(packages), nil
}

// Link adds each SDK's directory (relative to the project, as pip reads it from there) to
// requirements.txt. Poetry and uv projects keep their dependencies elsewhere: not supported.
func (python) Link(_ context.Context, info *pulumirpc.ProgramInfo, root string, sdks []*pulumirpc.LinkRequest_LinkDependency) (string, error) {
	if toolchain := host.Option(info, "toolchain"); toolchain != "" && toolchain != "pip" {
		return "", fmt.Errorf("this python host links SDKs for the pip toolchain only, not %q", toolchain)
	}
	path := filepath.Join(root, "requirements.txt")
	data, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return "", err
	}
	present := map[string]bool{}
	scanner := bufio.NewScanner(bytes.NewReader(data))
	for scanner.Scan() {
		present[filepath.Clean(strings.TrimSpace(scanner.Text()))] = true
	}
	var imports []string
	for _, sdk := range sdks {
		line := filepath.ToSlash(sdk.Path)
		if !present[filepath.Clean(line)] {
			if len(data) > 0 && !bytes.HasSuffix(data, []byte("\n")) {
				data = append(data, '\n')
			}
			data = append(data, line+"\n"...)
			present[filepath.Clean(line)] = true
		}
		module, err := host.PluginDir(filepath.Join(root, sdk.Path))
		if err != nil {
			return "", err
		}
		imports = append(imports, fmt.Sprintf("import %s as %s", filepath.Base(module), host.Identifier(sdk.Package.Name)))
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return "", err
	}
	return "You can then import the SDK in your Python code with:\n\n  " + strings.Join(imports, "\n  "), nil
}

// Install creates the project's virtualenv when it is missing and pip-installs requirements.txt
// into it (or into python3 without a virtualenv option), as `pulumi install` does for pip projects.
func (python) Install(ctx context.Context, req *pulumirpc.InstallDependenciesRequest, _ string, stdout, stderr io.Writer) error {
	if toolchain := host.Option(req.Info, "toolchain"); toolchain != "" && toolchain != "pip" {
		return fmt.Errorf("this python host installs with pip only, not the toolchain %q", toolchain)
	}
	root := host.RootDirectory(req.Info)
	if venv := virtualenv(req.Info); venv != "" {
		if _, err := os.Stat(filepath.Join(venv, "bin", "python")); os.IsNotExist(err) {
			fmt.Fprintf(stdout, "Creating virtual environment %s\n", venv)
			if err := host.Command(ctx, root, stdout, stderr, "python3", "-m", "venv", venv); err != nil {
				return err
			}
		}
	}
	if _, err := os.Stat(filepath.Join(root, "requirements.txt")); os.IsNotExist(err) {
		fmt.Fprintf(stdout, "No requirements.txt in %s: nothing to install\n", root)
		return nil
	}
	return host.Command(ctx, root, stdout, stderr, interpreter(req.Info), "-m", "pip", "install", "--disable-pip-version-check", "-r", "requirements.txt")
}

func main() { host.Main(python{}) }
