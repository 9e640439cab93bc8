// The objects the hardening suite scores: a production-grade matrix of agents (autoscaler, handler,
// tools, sessions) rendered as the package renders them, and the YAML example as the CLI renders it.
import * as fs from "fs";
import * as path from "path";
import { renderDocuments } from "../../provider/src/cli/renderDocuments";
import { agentRuntimeObjectList, type KubeObject, renderAgentRuntime, documentRenderOptions, type ResolvedReferences } from "../../provider/src/render";
import { validateDocument } from "../../provider/src/spec";
import { productionRefs, productionSpec, RUNTIME_IMAGE } from "../unit/fixtures";

export interface MatrixCase {
    name: string;
    objects: KubeObject[];
}

const EXAMPLE = path.join(__dirname, "../../examples/yaml-manifests/production-agent.yaml");
const noTools = (): ResolvedReferences => ({ ...productionRefs(), toolRegistry: undefined });

function agent(name: string, change: (spec: any) => void, refs: ResolvedReferences = productionRefs(), annotations?: Record<string, string>): MatrixCase {
    const spec: any = productionSpec();
    change(spec);
    const doc = validateDocument("AgentRuntime", "production-agent", {
        metadata: { namespace: "agents", ...(annotations ? { annotations } : {}) },
        spec,
        images: { runtime: RUNTIME_IMAGE },
    });
    const objects = renderAgentRuntime(doc.metadata, doc.spec, refs, documentRenderOptions(doc));
    return { name, objects: agentRuntimeObjectList(objects) };
}

const scaled =
    (type: "hpa" | "keda", minReplicas = 2) =>
    (s: any) =>
        Object.assign(s.runtime.autoscaling, { enabled: true, type, minReplicas });

export function matrix(): MatrixCase[] {
    return [
        agent("keda from 2, runtime, tools", scaled("keda")),
        agent("hpa from 2, runtime, tools", scaled("hpa")),
        agent("keda from 2, runtime, no tools", (s) => (scaled("keda")(s), delete s.toolRegistryRef), noTools()),
        agent("keda from 0 (scale to zero), runtime, tools", scaled("keda", 0)),
        agent("3 replicas, runtime, tools", (s) => (s.runtime.autoscaling = { enabled: false })),
        agent("hpa from 2, demo handler", (s) => (scaled("hpa")(s), (s.facade.handler = "demo"), delete s.toolRegistryRef), noTools()),
        agent(
            "2 replicas, echo handler, memory sessions",
            (s) => ((s.runtime = { replicas: 2 }), (s.facade.handler = "echo"), (s.session = { type: "memory" }), delete s.toolRegistryRef),
            noTools(),
        ),
        agent("1 replica, runtime, mock provider", (s) => (s.runtime = { replicas: 1, resources: s.runtime.resources }), productionRefs(), {
            "omnia.altairalabs.ai/mock-provider": "true",
        }),
    ];
}

/** The YAML example as `pulumi-omnia render` prints it (the other examples are scored from their preview, in e2e). */
export function yamlExample(): MatrixCase {
    const result = renderDocuments([{ name: EXAMPLE, text: fs.readFileSync(EXAMPLE, "utf8") }], { images: { runtime: RUNTIME_IMAGE } });
    return { name: "examples/yaml-manifests/production-agent.yaml (pulumi-omnia render)", objects: result.objects };
}
