// The rules of the pack, as data: index.ts (which starts the policy server) turns them into a PolicyPack.
import type { Policies } from "@pulumi/policy";
import { policiesOf, type Rule } from "../production";
import { agentRules } from "./agent";
import { kubernetesRules } from "./kubernetes";

export const rules: Rule[] = [...agentRules, ...kubernetesRules];

/** Every policy of the pack (production rules give two: `<id>` and `<id>-nonprod`). */
export const policies: Policies = rules.flatMap(policiesOf) as Policies;
