// pulumi-language-python: runs Python programs with pulumi-language-python-exec (shipped next to
// this binary) in the interpreter of the project's virtualenv option, or python3 on PATH.
package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	codegen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"omnia.local/language-hosts/host"
)

type python struct{}

func (python) Name() string       { return "python" }
func (python) Executable() string { return "python3" }

// interpreter is <virtualenv>/bin/python when the project names a virtualenv, else python3.
func interpreter(info *pulumirpc.ProgramInfo) string {
	venv := host.Option(info, "virtualenv")
	if venv == "" {
		return "python3"
	}
	if !filepath.IsAbs(venv) && info != nil {
		venv = filepath.Join(info.RootDirectory, venv)
	}
	return filepath.Join(venv, "bin", "python")
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

func main() { host.Main(python{}) }
