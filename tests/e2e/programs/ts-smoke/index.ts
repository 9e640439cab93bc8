import { smoke } from "./program";

const out = smoke();
export const namespace = out.namespace;
export const readyReplicas = out.readyReplicas;
