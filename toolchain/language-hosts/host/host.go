// Package host serves Pulumi's LanguageRuntime gRPC protocol for one language.
//
// The Go module proxy reachable from this project's machines serves no version of Pulumi's own
// language hosts (github.com/pulumi/pulumi/sdk/{nodejs,python,go}/... are untagged modules), so
// the toolchain builds these small hosts instead. They do what the engine needs from a host:
// run a program with the language's own Pulumi SDK launcher (@pulumi/pulumi/cmd/run,
// pulumi-language-python-exec, a built Go binary) and run source-based plugins and policy packs
// (RunPlugin), and generate SDKs with Pulumi's own codegen packages (GeneratePackage, used by
// `pulumi package gen-sdk`). For `pulumi package add` and `pulumi install` they also report the
// Pulumi packages a program's installed dependencies ship (GetRequiredPackages), record a generated
// SDK as a dependency of the program (Link) and install the program's dependencies
// (InstallDependencies); toolchain/README.md lists what each language does. Other RPCs answer
// Unimplemented, as an older host would.
package host

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"google.golang.org/grpc"
	pbempty "google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Version is stamped at build time with the Pulumi version these hosts are built for.
var Version = "0.0.0-dev"

// Language is what differs between hosts: how to start a program, a plugin, and generate an SDK.
type Language interface {
	// Name is the runtime name of Pulumi.yaml (nodejs, python, go).
	Name() string
	// Executable names the interpreter or toolchain reported by About.
	Executable() string
	// Program returns the command that runs a Pulumi program; env holds the engine settings.
	Program(ctx context.Context, req *pulumirpc.RunRequest, engine string) (*exec.Cmd, error)
	// Plugin returns the command that runs a source-based plugin or policy pack.
	Plugin(ctx context.Context, req *pulumirpc.RunPluginRequest) (*exec.Cmd, error)
	// GeneratePackage returns the files of an SDK for pkg, made by Pulumi's codegen for the language.
	GeneratePackage(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, loader schema.ReferenceLoader) (map[string][]byte, error)
	// RequiredPackages lists the Pulumi packages that the dependencies installed for the program
	// (or plugin) in dir declare (pulumi-plugin.json, or the "pulumi" key of a package.json).
	RequiredPackages(ctx context.Context, info *pulumirpc.ProgramInfo, dir string) ([]*pulumirpc.PackageDependency, error)
	// Link records SDKs generated into the project (paths relative to root) as dependencies of the
	// program, without installing them, and returns how to import them.
	Link(ctx context.Context, info *pulumirpc.ProgramInfo, root string, sdks []*pulumirpc.LinkRequest_LinkDependency) (string, error)
	// Install installs the dependencies of the program or plugin in dir.
	Install(ctx context.Context, req *pulumirpc.InstallDependenciesRequest, dir string, stdout, stderr io.Writer) error
}

// BailExitCode is what a program exits with after it already reported its error to the user.
const BailExitCode = 32

type server struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	lang Language

	mu     sync.Mutex
	engine string
}

var engineAddressPattern = regexp.MustCompile(`^[A-Za-z0-9.\-\[\]:]+:[0-9]+$`)

// engineAddress is the last positional argument; flags (-tracing=..., -v=9, --logtostderr) are ignored.
func engineAddress(args []string) string {
	address := ""
	for _, arg := range args {
		if !strings.HasPrefix(arg, "-") && engineAddressPattern.MatchString(arg) {
			address = arg
		}
	}
	return address
}

// Main serves the language on a loopback port and prints the port, as the engine expects.
func Main(lang Language) {
	s := &server{lang: lang, engine: engineAddress(os.Args[1:])}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, s)
			return nil
		},
		Options: rpcutil.OpenTracingServerInterceptorOptions(nil),
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-%s: %v\n", lang.Name(), err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-%s: %v\n", lang.Name(), err)
		os.Exit(1)
	}
}

func (s *server) engineAddress() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.engine
}

func (s *server) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if req.EngineAddress != "" {
		s.engine = req.EngineAddress
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (s *server) GetPluginInfo(context.Context, *pbempty.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: Version}, nil
}

func (s *server) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

// GetRequiredPackages tells the engine which plugins the program needs before it runs (`pulumi
// install` and `pulumi package add` install the missing ones; preview and up take the versions of
// default providers from it).
func (s *server) GetRequiredPackages(ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	packages, err := s.lang.RequiredPackages(ctx, req.Info, ProgramDirectory(req.Info, ""))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: packages}, nil
}

func (s *server) GetProgramDependencies(context.Context, *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

func (s *server) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return &pulumirpc.AboutResponse{Executable: s.lang.Executable(), Version: Version}, nil
}

func (s *server) RuntimeOptionsPrompts(context.Context, *pulumirpc.RuntimeOptionsRequest) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// streamWriter sends what is written to it to the CLI as InstallDependencies output.
type streamWriter struct {
	mu     *sync.Mutex
	stream grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]
	stderr bool
}

func (w streamWriter) Write(p []byte) (int, error) {
	resp := &pulumirpc.InstallDependenciesResponse{Stdout: append([]byte(nil), p...)}
	if w.stderr {
		resp = &pulumirpc.InstallDependenciesResponse{Stderr: append([]byte(nil), p...)}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.stream.Send(resp); err != nil {
		return 0, err
	}
	return len(p), nil
}

// InstallDependencies installs what the program (or, with IsPlugin, a source-based plugin) needs,
// streaming the tools' output to the CLI: `pulumi install`, and `pulumi package add` after Link.
func (s *server) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, stream grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]) error {
	dir := ProgramDirectory(req.Info, req.Directory) // Directory: what older CLIs send
	var mu sync.Mutex
	return s.lang.Install(stream.Context(), req, dir, streamWriter{&mu, stream, false}, streamWriter{&mu, stream, true})
}

// Link makes the SDKs that `pulumi package add` and `pulumi install` generated under the project
// (sdks/<name>) dependencies of the program; InstallDependencies installs them afterwards.
func (s *server) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	root := RootDirectory(req.Info)
	if root == "" {
		return nil, errors.New("link: the request names no project root directory")
	}
	instructions, err := s.lang.Link(ctx, req.Info, root, req.Packages)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.LinkResponse{ImportInstructions: instructions}, nil
}

func (s *server) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	cmd, err := s.lang.Program(ctx, req, s.engineAddress())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case errors.As(err, &exit) && exit.ExitCode() == BailExitCode:
		return &pulumirpc.RunResponse{Bail: true}, nil
	case errors.As(err, &exit):
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("program exited with non-zero exit code: %d", exit.ExitCode())}, nil
	default:
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
}

// RunPlugin streams the plugin's stdout (where it prints its port) and stderr back to the engine.
func (s *server) RunPlugin(req *pulumirpc.RunPluginRequest, stream grpc.ServerStreamingServer[pulumirpc.RunPluginResponse]) error {
	cmd, err := s.lang.Plugin(stream.Context(), req)
	if err != nil {
		return err
	}
	// The language's own settings (cmd.Env) win over the engine's, which win over ours.
	cmd.Env = append(append(os.Environ(), req.Env...), cmd.Env...)
	var sendMu sync.Mutex
	send := func(resp *pulumirpc.RunPluginResponse) error {
		sendMu.Lock()
		defer sendMu.Unlock()
		return stream.Send(resp)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	var wg sync.WaitGroup
	pump := func(r io.Reader, wrap func([]byte) *pulumirpc.RunPluginResponse) {
		defer wg.Done()
		buf := make([]byte, 32*1024)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				_ = send(wrap(append([]byte(nil), buf[:n]...)))
			}
			if err != nil {
				return
			}
		}
	}
	wg.Add(2)
	go pump(stdout, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}}
	})
	go pump(stderr, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}}
	})
	wg.Wait()
	code := 0
	if err := cmd.Wait(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			return err
		}
		code = exit.ExitCode()
	}
	return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}})
}

// ConfigEnv is the program configuration as the SDKs read it from the environment. A stack without
// config gets "{}" and "[]", never "null", which the Python SDK cannot iterate.
func ConfigEnv(req *pulumirpc.RunRequest) ([]string, error) {
	values, keys := req.Config, req.ConfigSecretKeys
	if values == nil {
		values = map[string]string{}
	}
	if keys == nil {
		keys = []string{}
	}
	config, err := json.Marshal(values)
	if err != nil {
		return nil, err
	}
	secretKeys, err := json.Marshal(keys)
	if err != nil {
		return nil, err
	}
	return []string{"PULUMI_CONFIG=" + string(config), "PULUMI_CONFIG_SECRET_KEYS=" + string(secretKeys)}, nil
}

// ProgramDirectory is where the program lives (Pulumi.yaml's main, or the project root).
func ProgramDirectory(info *pulumirpc.ProgramInfo, pwd string) string {
	if info != nil && info.ProgramDirectory != "" {
		return info.ProgramDirectory
	}
	return pwd
}

// RootDirectory is the directory of Pulumi.yaml (or PulumiPlugin.yaml), falling back to the program's.
func RootDirectory(info *pulumirpc.ProgramInfo) string {
	if info != nil && info.RootDirectory != "" {
		return info.RootDirectory
	}
	return ProgramDirectory(info, "")
}

// Option reads a Pulumi.yaml runtime option as a string ("" when unset).
func Option(info *pulumirpc.ProgramInfo, name string) string {
	if info == nil || info.Options == nil {
		return ""
	}
	value, ok := info.Options.AsMap()[name]
	if !ok || value == nil {
		return ""
	}
	return fmt.Sprintf("%v", value)
}

// GeneratePackage binds the schema (resolving references through the engine's loader) and writes
// the SDK that the language's codegen makes into the requested directory.
func (s *server) GeneratePackage(_ context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	loader, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return nil, err
	}
	defer loader.Close()
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.Schema), &spec); err != nil {
		return nil, fmt.Errorf("invalid package schema: %w", err)
	}
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("invalid package schema: %v", diags)
	}
	files, err := s.lang.GeneratePackage(pkg, req, loader)
	if err != nil {
		return nil, err
	}
	for name, content := range files {
		path := filepath.Join(req.Directory, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return nil, err
		}
	}
	return &pulumirpc.GeneratePackageResponse{}, nil
}

// Package turns what a dependency declares about its plugin (pulumi-plugin.json, or the "pulumi"
// key of a package.json, which has the same shape) into a package for the engine: nil when the
// dependency has no resource plugin. name and version stand in for what the declaration leaves out.
func Package(decl *plugin.PulumiPluginJSON, name, version string) *pulumirpc.PackageDependency {
	if decl == nil || !decl.Resource {
		return nil
	}
	pkg := &pulumirpc.PackageDependency{Name: decl.Name, Kind: "resource", Version: decl.Version, Server: decl.Server}
	if pkg.Name == "" {
		pkg.Name = name
	}
	if pkg.Version == "" {
		pkg.Version = version
	}
	if p := decl.Parameterization; p != nil {
		pkg.Parameterization = &pulumirpc.PackageParameterization{Name: p.Name, Version: p.Version, Value: p.Value}
	}
	if pkg.Name == "" {
		return nil
	}
	return pkg
}

// Dedupe drops repeated packages (the same plugin reached through two dependencies), keeping order.
func Dedupe(packages []*pulumirpc.PackageDependency) []*pulumirpc.PackageDependency {
	seen := map[string]bool{}
	out := packages[:0]
	for _, p := range packages {
		key := p.Name + "@" + p.Version + "@" + p.Server
		if p.Parameterization != nil {
			key += "@" + p.Parameterization.Name + "@" + p.Parameterization.Version
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	return out
}

// Command runs name args in dir, its output going to stdout and stderr (the CLI, for installs).
func Command(ctx context.Context, dir string, stdout, stderr io.Writer, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s in %s: %w", name, strings.Join(args, " "), dir, err)
	}
	return nil
}

// Identifier makes a package name (which may hold dashes) usable as a variable or module alias.
func Identifier(name string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, name)
}

// PluginDir is the directory of an SDK holding its pulumi-plugin.json (the package to import).
func PluginDir(sdk string) (string, error) {
	found := ""
	err := filepath.WalkDir(sdk, func(path string, d fs.DirEntry, err error) error {
		if err != nil || found != "" {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != sdk {
			return filepath.SkipDir
		}
		if !d.IsDir() && d.Name() == "pulumi-plugin.json" {
			found = filepath.Dir(path)
		}
		return nil
	})
	if err == nil && found == "" {
		err = fmt.Errorf("no pulumi-plugin.json in the SDK %s", sdk)
	}
	return found, err
}
