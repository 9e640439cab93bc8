// pulumi-language-nodejs: runs Node.js programs, plugins and policy packs with the
// @pulumi/pulumi launchers found in the program's own node_modules.
package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	codegen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
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

func main() { host.Main(nodejs{}) }
