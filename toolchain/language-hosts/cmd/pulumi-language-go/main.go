// pulumi-language-go: builds a Go program with the go toolchain on PATH and runs the binary.
package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	codegen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
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

func main() { host.Main(golang{}) }
