// Entry of the provider plugin (PulumiPlugin.yaml, runtime nodejs): serves the components over gRPC.
import * as pulumi from "@pulumi/pulumi";
import { packageManifest } from "../packageManifest";
import { OmniaProvider } from "./provider";

pulumi.provider.main(new OmniaProvider(packageManifest.version), process.argv.slice(2));
