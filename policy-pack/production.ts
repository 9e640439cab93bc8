// Which stacks are production, and the factory that turns one rule into the policies the engine runs.
import type {
    EnforcementLevel,
    Policy,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";

export const DEFAULT_PRODUCTION_STACK_PATTERN = "^prod(uction)?(-|$)";
export const DEFAULT_PRODUCTION_TAG_KEY = "environment";
export const PRODUCTION_TAG_VALUE = "production";
/** Suffix of the advisory twin that runs a production rule on the other stacks. */
export const NON_PRODUCTION_SUFFIX = "-nonprod";

export interface ProductionSettings {
    /** Regular expression on the stack name. */
    productionStackPattern?: string;
    /** Stack tag whose value "production" marks a production stack. */
    productionTagKey?: string;
}

/** Config schema of the production detection, added to every policy whose behaviour depends on it. */
export const productionSettingsSchema: PolicyConfigSchema["properties"] = {
    productionStackPattern: {
        type: "string",
        default: DEFAULT_PRODUCTION_STACK_PATTERN,
        description: "Regular expression: a stack whose name matches it is production.",
    },
    productionTagKey: {
        type: "string",
        default: DEFAULT_PRODUCTION_TAG_KEY,
        description: 'Stack tag that marks a production stack when its value is "production".',
    },
};

let configuredStackName: string | undefined;

/**
 * Records the stack name the engine sends in ConfigureStack (index.ts hooks it in). The engine sets
 * PULUMI_STACK only when it starts the pack through `pulumi-analyzer-policy-nodejs`; when it starts
 * it through the nodejs language host's RunPlugin (whenever that host is installed), ConfigureStack
 * is the only place the name arrives, and @pulumi/policy keeps only the tags from it.
 */
export function setConfiguredStackName(name: string | undefined): void {
    configuredStackName = name || undefined;
}

/**
 * The stack being previewed or updated: the name from ConfigureStack, else PULUMI_STACK /
 * PULUMI_NODEJS_STACK (what `pulumi.getStack()` reads).
 */
export function currentStackName(): string {
    return configuredStackName ?? process.env.PULUMI_STACK ?? process.env.PULUMI_NODEJS_STACK ?? "";
}

/** A stack is production when its name matches the pattern or its tag (default `environment`) is `production`. */
export function isProductionStack(stackTags: ReadonlyMap<string, string> | undefined, settings: ProductionSettings = {}, stackName: string = currentStackName()): boolean {
    const pattern = new RegExp(settings.productionStackPattern || DEFAULT_PRODUCTION_STACK_PATTERN);
    const tagKey = settings.productionTagKey || DEFAULT_PRODUCTION_TAG_KEY;
    return pattern.test(stackName) || stackTags?.get(tagKey) === PRODUCTION_TAG_VALUE;
}

/**
 * Where a rule is mandatory: `always` (every stack), `production` (mandatory on production stacks,
 * advisory elsewhere) or `advisory` (advice on every stack).
 */
export type RuleScope = "always" | "production" | "advisory";

type Settings = Record<string, any>;

interface RuleBase<S extends Settings> {
    /** Stable kebab-case id that reads as the rule; the policy name the engine and config use. */
    id: string;
    description: string;
    severity: Severity;
    scope: RuleScope;
    /** What to change, in order. */
    remediationSteps: string;
    /** The rule's own settings (JSON schema with defaults); production detection is added for production rules. */
    settings?: PolicyConfigSchema["properties"];
    /** Defaults of the settings, used when the engine passes no config (direct calls). */
    defaults?: S;
}

export interface ResourceRule<S extends Settings = Settings> extends RuleBase<S> {
    validateResource: (args: ResourceValidationArgs, report: ReportViolation, settings: S) => void;
}

export interface StackRule<S extends Settings = Settings> extends RuleBase<S> {
    validateStack: (args: StackValidationArgs, report: ReportViolation, settings: S) => void;
}

export type Rule = ResourceRule<any> | StackRule<any>;

function settingsOf<S extends Settings>(rule: RuleBase<S>, args: { getConfig<T extends object>(): T }): S & ProductionSettings {
    const given = (args.getConfig?.() ?? {}) as Record<string, unknown>;
    const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined && v !== null));
    return { ...(rule.defaults ?? {}), ...defined } as S & ProductionSettings;
}

/**
 * Turns a rule into policies. A policy's enforcement level is fixed for the whole run (the engine
 * sends every policy's level in Configure, and a violation always carries its policy's level), so
 * a production rule becomes two policies that share one check:
 * - `<id>`: mandatory, runs on production stacks only (not applicable elsewhere);
 * - `<id>-nonprod`: advisory, runs on every other stack (not applicable on production ones).
 * Each keeps its own level and settings under `--policy-pack-config`.
 */
export function policiesOf(rule: Rule): Policy[] {
    const base = (name: string, level: EnforcementLevel, description: string, withProduction: boolean) => ({
        name,
        description,
        enforcementLevel: level,
        severity: rule.severity,
        remediationSteps: rule.remediationSteps,
        ...(rule.settings || withProduction ? { configSchema: { properties: { ...(rule.settings ?? {}), ...(withProduction ? productionSettingsSchema : {}) } } } : {}),
    });
    const make = (name: string, level: EnforcementLevel, description: string, only?: "production" | "other"): Policy => {
        const applies = (args: { stackTags: ReadonlyMap<string, string>; notApplicable(reason?: string): never }, settings: ProductionSettings) => {
            if (!only) return;
            const production = isProductionStack(args.stackTags, settings);
            if (only === "production" && !production) args.notApplicable(`not a production stack (see ${rule.id}${NON_PRODUCTION_SUFFIX})`);
            if (only === "other" && production) args.notApplicable(`a production stack (see ${rule.id})`);
        };
        if ("validateResource" in rule) {
            const policy: ResourceValidationPolicy = {
                ...base(name, level, description, only !== undefined),
                validateResource: (args, report) => {
                    const settings = settingsOf(rule, args);
                    applies(args, settings);
                    rule.validateResource(args, report, settings);
                },
            };
            return policy;
        }
        const policy: StackValidationPolicy = {
            ...base(name, level, description, only !== undefined),
            validateStack: (args, report) => {
                const settings = settingsOf(rule, args);
                applies(args, settings);
                rule.validateStack(args, report, settings);
            },
        };
        return policy;
    };
    switch (rule.scope) {
        case "always":
            return [make(rule.id, "mandatory", rule.description)];
        case "advisory":
            return [make(rule.id, "advisory", rule.description)];
        case "production":
            return [
                make(rule.id, "mandatory", `${rule.description} (production stacks)`, "production"),
                make(`${rule.id}${NON_PRODUCTION_SUFFIX}`, "advisory", `${rule.description} (advice outside production)`, "other"),
            ];
    }
}
