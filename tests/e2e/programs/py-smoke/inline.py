"""Run py-smoke through the Automation API as an inline program (no pulumi-language-python needed).

Environment: OMNIA_STACK, OMNIA_PULUMI_ROOT (dir holding bin/pulumi), OMNIA_KUBECONFIG,
OMNIA_WORK_DIR, plus the PulumiEnv variables (PULUMI_HOME, PULUMI_BACKEND_URL, ...).
Prints the outputs as JSON on the line after the marker OMNIA-OUTPUTS.
"""
import json
import os
import sys

from pulumi import automation as auto

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from smoke import smoke  # noqa: E402


def main() -> None:
    stack_name = os.environ["OMNIA_STACK"]
    cmd = auto.PulumiCommand(root=os.environ["OMNIA_PULUMI_ROOT"], skip_version_check=True)
    settings = auto.ProjectSettings(
        name="py-smoke",
        runtime="python",
        backend=auto.ProjectBackend(url=os.environ["PULUMI_BACKEND_URL"]),
    )
    stack = auto.create_or_select_stack(
        stack_name=stack_name,
        project_name="py-smoke",
        program=smoke,
        opts=auto.LocalWorkspaceOptions(
            work_dir=os.environ["OMNIA_WORK_DIR"],
            pulumi_home=os.environ["PULUMI_HOME"],
            pulumi_command=cmd,
            project_settings=settings,
            env_vars={k: v for k, v in os.environ.items()},
        ),
    )
    stack.set_config("kubeconfig", auto.ConfigValue(value=os.environ["OMNIA_KUBECONFIG"]))
    try:
        res = stack.up(on_output=lambda line: print(line, file=sys.stderr))
        outputs = {k: v.value for k, v in res.outputs.items()}
        print("OMNIA-OUTPUTS")
        print(json.dumps(outputs))
        sys.stdout.flush()
    finally:
        stack.destroy(on_output=lambda line: print(line, file=sys.stderr))
        stack.workspace.remove_stack(stack_name)


if __name__ == "__main__":
    main()
