// Entry of the provider plugin (PulumiPlugin.yaml, runtime nodejs): serves the components over gRPC.
import * as pulumi from "@pulumi/pulumi";
import { OmniaProvider } from "./provider";

const version: string = require("../../../package.json").version;

pulumi.provider.main(new OmniaProvider(version), process.argv.slice(2));
