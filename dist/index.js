import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 828:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.r(__webpack_exports__);
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   appendSummary: () => (/* binding */ appendSummary),
/* harmony export */   debug: () => (/* binding */ debug),
/* harmony export */   error: () => (/* binding */ error),
/* harmony export */   getInput: () => (/* binding */ getInput),
/* harmony export */   group: () => (/* binding */ group),
/* harmony export */   hasInput: () => (/* binding */ hasInput),
/* harmony export */   info: () => (/* binding */ info),
/* harmony export */   setFailed: () => (/* binding */ setFailed),
/* harmony export */   setOutput: () => (/* binding */ setOutput),
/* harmony export */   setSecret: () => (/* binding */ setSecret),
/* harmony export */   warning: () => (/* binding */ warning)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/**
 * The runner commands this action uses, written for it: inputs, outputs, masks, log lines,
 * groups, annotations and the job summary. Same formats as `@actions/core` 3 (a differential test
 * holds them to it), without its import cost: `@actions/core` imports `@actions/http-client`, and
 * that imports undici, a megabyte of JavaScript every run would parse before its first request
 * (BENCHMARKS.md §2). This module imports only Node built-ins.
 */




/** `INPUT_<NAME>` with spaces as underscores (hyphens kept, as the runner sets them), trimmed. */
function getInput(name) {
    return (process.env[inputVariable(name)] ?? '').trim();
}
/** Whether the input is set at all, even empty: the runner sets every input action.yml declares. */
function hasInput(name) {
    return process.env[inputVariable(name)] !== undefined;
}
function inputVariable(name) {
    return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
/**
 * Appends `name<<delimiter` … `delimiter` to the file in GITHUB_OUTPUT; without that file (an
 * old runner), the `set-output` command.
 */
function setOutput(name, value) {
    if (process.env.GITHUB_OUTPUT) {
        appendFileCommand('OUTPUT', keyValueMessage(name, value));
        return;
    }
    process.stdout.write(node_os__WEBPACK_IMPORTED_MODULE_3__.EOL);
    issueCommand('set-output', { name }, value);
}
/** Asks the runner to mask `secret` in every log line that follows. */
function setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
function info(message) {
    process.stdout.write(message + node_os__WEBPACK_IMPORTED_MODULE_3__.EOL);
}
/** A debug line, shown only when step debug logging is on. */
function debug(message) {
    issueCommand('debug', {}, message);
}
function warning(message) {
    issueCommand('warning', {}, message);
}
function error(message) {
    issueCommand('error', {}, message);
}
/** Marks the step failed (exit code 1) with an error annotation. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
/** Runs `fn` inside a collapsible log group, closing the group however `fn` ends. */
async function group(name, fn) {
    issueCommand('group', {}, name);
    try {
        return await fn();
    }
    finally {
        issueCommand('endgroup', {}, '');
    }
}
/** Appends Markdown to the job summary (the file in GITHUB_STEP_SUMMARY). */
async function appendSummary(markdown) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file) {
        throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
    }
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.appendFile)(file, markdown, { encoding: 'utf8' });
}
/** `::command key=value,…::message`, with the runner's escapes. */
function issueCommand(command, properties, message) {
    const props = Object.entries(properties)
        .filter(([, value]) => value)
        .map(([key, value]) => `${key}=${escapeProperty(value)}`)
        .join(',');
    process.stdout.write(`::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`);
}
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text) {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
function appendFileCommand(command, message) {
    const file = process.env[`GITHUB_${command}`] ?? '';
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(file))
        throw new Error(`Missing file at path: ${file}`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, message + node_os__WEBPACK_IMPORTED_MODULE_3__.EOL, { encoding: 'utf8' });
}
/** A heredoc whose random delimiter neither the name nor the value contains. */
function keyValueMessage(name, value) {
    const delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
    if (name.includes(delimiter) || value.includes(delimiter)) {
        throw new Error(`Unexpected input: the output ${name} contains the delimiter ${delimiter}`);
    }
    return `${name}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}${value}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}${delimiter}`;
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   lZ: () => (/* binding */ ActionError),
/* harmony export */   m_: () => (/* binding */ hasResponse),
/* harmony export */   nG: () => (/* binding */ httpStatus)
/* harmony export */ });
/**
 * The one error type the action's modules throw for problems a user can act on.
 * `main.ts` turns it into the failure message and the job summary; anything else
 * that escapes is reported as a bug.
 */
class ActionError extends Error {
    /** What the user should do next, shown under the message. */
    hint;
    constructor(message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = 'ActionError';
        this.hint = options.hint;
    }
}
/** The message of any thrown value, for wrapping third-party errors. */
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}
/** The HTTP status an Octokit (or similar) error carries, if any. */
function httpStatus(error) {
    if (error === null || typeof error !== 'object' || !('status' in error))
        return undefined;
    return typeof error.status === 'number' ? error.status : undefined;
}
/**
 * Whether the error carries an answer. Octokit reports a request that got none (a timeout, a
 * dropped connection) as a 500 without a response: that is not an answer of GitHub's.
 */
function hasResponse(error) {
    return (error !== null &&
        typeof error === 'object' &&
        'response' in error &&
        error.response !== undefined);
}


/***/ }),

/***/ 1794:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Fv: () => (/* binding */ registryOf),
/* harmony export */   eo: () => (/* binding */ parseEcrImageReference),
/* harmony export */   o_: () => (/* binding */ parseImageReference)
/* harmony export */ });
/**
 * OCI image references: the grammar of github.com/distribution/reference, and the parts of an ECR
 * one. Pure and light, so that input validation and the promotion path need no AWS SDK.
 */
// The grammar of github.com/distribution/reference.
const REF_DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const REF_DOMAIN = `(?:${REF_DOMAIN_COMPONENT}(?:\\.${REF_DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const REF_PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REF_NAME = `(?:${REF_DOMAIN}/)?${REF_PATH_COMPONENT}(?:/${REF_PATH_COMPONENT})*`;
const REF_TAG = '[\\w][\\w.-]{0,127}';
const REF_DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const IMAGE_REFERENCE = new RegExp(`^(${REF_NAME})(?::(${REF_TAG}))?(?:@(${REF_DIGEST}))?$`);
/** The parts of an OCI image reference, or undefined when `reference` is not one. */
function parseImageReference(reference) {
    const match = IMAGE_REFERENCE.exec(reference);
    if (!match || match[1].length > 255)
        return undefined;
    return { name: match[1], tag: match[2], digest: match[3] };
}
const ECR_HOST = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;
/** Splits an ECR image reference; undefined when the image is not in ECR. No tag means `latest`. */
function parseEcrImageReference(image) {
    const parts = parseImageReference(image);
    const slash = parts?.name.indexOf('/') ?? -1;
    if (!parts || slash < 0)
        return undefined;
    const host = ECR_HOST.exec(parts.name.slice(0, slash));
    if (!host)
        return undefined;
    const tag = parts.tag ?? (parts.digest ? undefined : 'latest');
    return {
        registryId: host[1] ?? '',
        region: host[2] ?? '',
        repositoryName: parts.name.slice(slash + 1),
        ...(tag ? { tag } : {}),
        ...(parts.digest ? { digest: parts.digest } : {})
    };
}
/**
 * The registry host and repository of a reference, as the `registry` and `repository-uri` outputs
 * give them. A first part without `.` or `:` that is not `localhost` is a Docker Hub path, whose
 * registry is `docker.io`. Undefined when `reference` is not one.
 */
function registryOf(reference) {
    const parts = parseImageReference(reference);
    if (!parts)
        return undefined;
    const first = parts.name.split('/')[0] ?? '';
    const hasHost = parts.name.includes('/') && (/[.:]/.test(first) || first === 'localhost');
    return {
        registry: hasHost ? first : 'docker.io',
        repositoryUri: parts.name,
        ...(parts.digest ? { digest: parts.digest } : {})
    };
}


/***/ }),

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2403);

await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 9330:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $M: () => (/* binding */ KeyPathError),
/* harmony export */   K7: () => (/* binding */ formatKeyPath),
/* harmony export */   _q: () => (/* binding */ parseKeyPath),
/* harmony export */   ir: () => (/* binding */ IMAGE_KEY_HINT)
/* harmony export */ });
/**
 * `image-key` dot paths. Apart from src/values.ts (which brings the yaml parser) so that the input
 * is checked by the same parser at start-up, before any network call, as the patch uses later.
 */
/** Why a dot path cannot be parsed (the message says where). */
class KeyPathError extends Error {
}
const IMAGE_KEY_HINT = 'image-key is a dot path such as microservice.image; write a literal dot in a key as \\. ' +
    '(nvidia\\.com/gpu) and a list item as its index (containers.0.image)';
/**
 * Split an `image-key` dot path into keys and sequence indexes.
 * `a\.b.containers.0.image` → `['a.b', 'containers', 0, 'image']`.
 */
function parseKeyPath(keyPath) {
    if (keyPath === '')
        throw new KeyPathError('it is empty');
    const segments = [];
    let current = '';
    let escaped = false;
    for (let i = 0; i <= keyPath.length; i++) {
        const ch = keyPath[i];
        if (ch === '\\') {
            const next = keyPath[i + 1];
            if (next !== '.' && next !== '\\') {
                throw new KeyPathError(`\`\\${next ?? ''}\` at position ${i + 1} is not an escape (only \\. and \\\\ are)`);
            }
            current += next;
            escaped = true;
            i++;
        }
        else if (ch === '.' || ch === undefined) {
            if (current === '')
                throw new KeyPathError(`empty key at position ${i + 1}`);
            const isIndex = !escaped && /^(?:0|[1-9]\d{0,8})$/.test(current);
            segments.push(isIndex ? Number(current) : current);
            current = '';
            escaped = false;
        }
        else {
            current += ch;
        }
    }
    return segments;
}
/** The inverse of parseKeyPath, used to suggest paths in hints. */
function formatKeyPath(path) {
    return path
        .map((segment) => typeof segment === 'number' ? String(segment) : segment.replace(/[\\.]/g, (c) => `\\${c}`))
        .join('.');
}


/***/ }),

/***/ 1346:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ loadLifecyclePolicy),
/* harmony export */   h: () => (/* binding */ checkLifecyclePolicy)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3916);
/**
 * The `repository-lifecycle-policy` input: JSON text, or a JSON file inside the workspace. Checked
 * while the inputs are read, before any network call; applied by `ensureRepository` on creation.
 */



const LIFECYCLE_INPUT = 'repository-lifecycle-policy';
/**
 * The lifecycle policy as JSON text: the value itself when it is JSON, else the file it names,
 * which must stay inside `workspace`. '' for an empty value. Throws an ActionError naming
 * `repository-lifecycle-policy`; makes no network call.
 */
function loadLifecyclePolicy(valueOrPath, workspace) {
    const value = valueOrPath.trim();
    if (value === '')
        return '';
    if (value.startsWith('{'))
        return checkLifecyclePolicy(value);
    const root = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(workspace);
    const file = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(root, value);
    const inside = (candidate, base) => {
        const relative = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(base, candidate);
        return relative !== '' && !relative.startsWith('..') && !node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(relative);
    };
    if (!inside(file, root)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`${LIFECYCLE_INPUT}: "${value}" is outside the workspace.`, {
            hint: 'Give the policy as JSON text, or the path of a file in the repository.'
        });
    }
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file) || !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(file).isFile()) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`${LIFECYCLE_INPUT}: "${value}" is neither JSON text nor a file in the workspace.`, {
            hint: 'Give the policy as JSON text, or the path of a file in the repository (relative to the workspace).'
        });
    }
    let text;
    try {
        if (!inside((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(file), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(root))) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`${LIFECYCLE_INPUT}: "${value}" links outside the workspace.`, {
                hint: 'Use a regular file in the repository.'
            });
        }
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8');
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ)
            throw error;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`${LIFECYCLE_INPUT}: "${value}" cannot be read: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}.`, {
            cause: error
        });
    }
    return checkLifecyclePolicy(text, value);
}
/** Checks that the text is an ECR lifecycle policy document (JSON with a `rules` array). */
function checkLifecyclePolicy(text, file) {
    const where = file ? ` (file "${file}")` : '';
    let policy;
    try {
        policy = JSON.parse(text);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`${LIFECYCLE_INPUT}${where} is not valid JSON: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}.`, {
            hint: 'Fix the JSON; see the ECR lifecycle policy format ({"rules": [...]}).'
        });
    }
    if (typeof policy !== 'object' ||
        policy === null ||
        !Array.isArray(policy.rules)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`${LIFECYCLE_INPUT}${where} is JSON but has no "rules" array.`, {
            hint: 'An ECR lifecycle policy looks like {"rules": [{"rulePriority": 1, "selection": {...}, "action": {"type": "expire"}}]}.'
        });
    }
    return text;
}


/***/ }),

/***/ 2403:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

// UNUSED EXPORTS: OUTPUT_NAMES

// EXTERNAL MODULE: ./src/core.ts
var core = __nccwpck_require__(828);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: ./src/context.ts
/**
 * The run the action is part of, read from the runner's `GITHUB_*` variables and event payload.
 * `@actions/github`'s `context` is not used: it parses the payload while being imported, so a
 * broken payload file would crash the action with a stack trace instead of a message.
 */


/** Reads the run context; throws an ActionError naming the variable or file that is wrong. */
function readRunContext(env = process.env) {
    const problems = [];
    const sha = env.GITHUB_SHA ?? '';
    if (!/^[0-9a-f]{40}$/.test(sha)) {
        problems.push(sha === '' ? 'GITHUB_SHA is not set' : `GITHUB_SHA "${sha}" is not a 40-character commit sha`);
    }
    const ref = env.GITHUB_REF ?? '';
    const refName = env.GITHUB_REF_NAME || ref.replace(/^refs\/(heads|tags)\//, '');
    const runNumber = positiveInteger(env.GITHUB_RUN_NUMBER, 'GITHUB_RUN_NUMBER', problems);
    const runAttempt = env.GITHUB_RUN_ATTEMPT
        ? positiveInteger(env.GITHUB_RUN_ATTEMPT, 'GITHUB_RUN_ATTEMPT', problems)
        : 1;
    const payload = readPayload(env.GITHUB_EVENT_PATH, problems);
    if (problems.length > 0) {
        throw new errors/* ActionError */.lZ(`The runner environment is incomplete: ${problems.join('; ')}.`, {
            hint: 'Run this action as a step of a GitHub Actions job; the runner sets these variables.'
        });
    }
    return Object.freeze({
        eventName: env.GITHUB_EVENT_NAME ?? '',
        payload,
        sha,
        ref,
        refName,
        repository: env.GITHUB_REPOSITORY ?? '',
        runId: env.GITHUB_RUN_ID ?? '',
        runNumber,
        runAttempt,
        serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
        apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
        workspace: env.GITHUB_WORKSPACE || process.cwd(),
        runnerTemp: env.RUNNER_TEMP || '',
        actor: env.GITHUB_ACTOR ?? ''
    });
}
function positiveInteger(value, name, problems) {
    if (value !== undefined && /^[1-9][0-9]{0,9}$/.test(value))
        return Number(value);
    problems.push(value === undefined || value === ''
        ? `${name} is not set`
        : `${name} "${value}" is not a positive integer`);
    return 0;
}
function readPayload(path, problems) {
    if (!path)
        return {};
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (error) {
        problems.push(`the event payload file GITHUB_EVENT_PATH (${path}) cannot be read: ${(0,errors/* errorMessage */.gJ)(error)}`);
        return {};
    }
    try {
        const parsed = JSON.parse(text);
        if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
            return parsed;
        }
        problems.push(`the event payload file GITHUB_EVENT_PATH (${path}) does not hold a JSON object`);
    }
    catch (error) {
        problems.push(`the event payload file GITHUB_EVENT_PATH (${path}) is not valid JSON: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
    return {};
}

// EXTERNAL MODULE: ./src/image-reference.ts
var image_reference = __nccwpck_require__(1794);
// EXTERNAL MODULE: ./src/key-path.ts
var key_path = __nccwpck_require__(9330);
// EXTERNAL MODULE: ./src/lifecycle-policy.ts
var lifecycle_policy = __nccwpck_require__(1346);
// EXTERNAL MODULE: ./src/path-patterns.ts
var path_patterns = __nccwpck_require__(2390);
;// CONCATENATED MODULE: ./src/template.ts
/**
 * `{placeholder}` templates of the inputs (tag, branch, commit message, …), and the name rules
 * their results must meet. Pure.
 */
const PLACEHOLDERS = [
    'app',
    'environment',
    'sha',
    'sha7',
    'ref_name',
    'run_number',
    'run_attempt',
    'tag',
    'image',
    'context'
];
const PLACEHOLDER_PATTERN = /\{([A-Za-z0-9_-]*)\}/g;
/** The placeholder names a template uses, in order of appearance, known or not. */
function placeholdersIn(template) {
    return [...template.matchAll(PLACEHOLDER_PATTERN)].map((match) => match[1]);
}
/** Placeholders in `template` that are not in `allowed`. */
function unknownPlaceholders(template, allowed) {
    return [...new Set(placeholdersIn(template).filter((name) => !allowed.includes(name)))];
}
/**
 * Replaces every `{name}` with its value. A placeholder without a value is left as written; callers
 * check `unknownPlaceholders` first, so that only happens for a value that is not known yet.
 */
function expandTemplate(template, values) {
    return template.replace(PLACEHOLDER_PATTERN, (whole, name) => {
        const value = values[name];
        return value === undefined ? whole : value;
    });
}
/**
 * Makes a ref name (`feature/x`, `12/merge`, `Release_1.2`) usable inside a Docker tag and a git
 * branch name: every run of characters outside `[A-Za-z0-9_.-]` becomes one `-`, runs of `.` become
 * one `.`, and leading or trailing separators are dropped.
 */
function sanitizeRefName(refName) {
    const cleaned = refName
        .replace(/[^A-Za-z0-9_.-]+/g, '-')
        .replace(/\.{2,}/g, '.')
        .replace(/-{2,}/g, '-')
        .replace(/^[.-]+/, '')
        .replace(/[.-]+$/, '')
        .slice(0, 64)
        .replace(/[.-]+$/, '');
    return cleaned === '' ? 'ref' : cleaned;
}
/** A Docker tag: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`. */
function isValidDockerTag(tag) {
    return /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag);
}
/**
 * Why `name` is not a valid git branch name (the rules of `git check-ref-format --branch`), or
 * undefined when it is valid.
 */
function branchNameProblem(name) {
    if (name === '')
        return 'is empty';
    if (name.length > 255)
        return 'is longer than 255 characters';
    if (name.startsWith('-'))
        return "starts with '-'";
    if (name === '@')
        return "is '@'";
    if (name.includes('..'))
        return "contains '..'";
    if (name.includes('@{'))
        return "contains '@{'";
    if (name.includes('//'))
        return "contains '//'";
    if (name.startsWith('/') || name.endsWith('/'))
        return "starts or ends with '/'";
    if (name.endsWith('.'))
        return "ends with '.'";
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) {
        return 'contains a space, a control character or one of ~ ^ : ? * [ \\';
    }
    for (const component of name.split('/')) {
        if (component.startsWith('.'))
            return `has a component starting with '.' (${component})`;
        if (component.endsWith('.lock'))
            return `has a component ending with '.lock' (${component})`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/inputs.ts
/**
 * Every input of action.yml, read and checked in one place before any network call. All problems
 * are reported at once, each naming its input.
 */








/** Thrown by `getInputs` with every problem found. */
class InputError extends errors/* ActionError */.lZ {
    problems;
    constructor(problems) {
        const count = problems.length === 1 ? '1 input is' : `${problems.length} inputs are`;
        super(`${count} invalid:\n${problems.map((p) => `- ${p.input}: ${p.message}`).join('\n')}`, {
            hint: 'Fix the inputs of the gitops-image-bump step in your workflow; nothing was changed anywhere.'
        });
        this.name = 'InputError';
        this.problems = problems;
    }
}
/**
 * Defaults applied when an input is empty. The runner already applies action.yml's defaults; these
 * make a run outside the runner behave the same (a unit test keeps them equal to action.yml).
 * `paths-ignore` is the exception: set empty, it ignores nothing; only when absent does its
 * default apply.
 */
const INPUT_DEFAULTS = {
    environment: 'dev',
    'values-file': 'values/{environment}/{app}/values.yaml',
    'image-key': 'microservice.image',
    'ecr-repository': '{app}',
    tag: '{ref_name}-{sha7}-{run_number}',
    context: '.',
    dockerfile: '{context}/Dockerfile',
    'create-repository': 'true',
    'repository-tag-mutability': 'IMMUTABLE',
    'repository-scan-on-push': 'true',
    'repository-encryption': 'AES256',
    'paths-ignore': '**/*.md\n**/README*\ndocs/**\n**/.gitignore\n',
    force: 'false',
    branch: 'update-{app}-{sha7}',
    'commit-message': 'chore({environment}): bump {app} to {tag}',
    'pr-draft': 'false',
    'auto-merge': 'false',
    supersede: 'true',
    'digest-pin': 'false',
    mode: 'pull-request',
    'dry-run': 'false'
};
/** Which placeholders each template input may use. */
const TEMPLATE_PLACEHOLDERS = {
    'values-file': ['app', 'environment'],
    'ecr-repository': ['app', 'environment'],
    tag: ['app', 'environment', 'sha', 'sha7', 'ref_name', 'run_number', 'run_attempt'],
    dockerfile: ['context', 'app', 'environment'],
    branch: PLACEHOLDERS.filter((name) => name !== 'context'),
    'commit-message': PLACEHOLDERS.filter((name) => name !== 'context'),
    'pr-title': PLACEHOLDERS.filter((name) => name !== 'context'),
    'pr-body': PLACEHOLDERS.filter((name) => name !== 'context')
};
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/;
const ECR_REPOSITORY = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_ID = /^\d{12}$/;
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const TEAM_SLUG = /^(?:[A-Za-z0-9][A-Za-z0-9-]{0,38}\/)?[A-Za-z0-9._-]{1,100}$/;
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;
/** Splits a list input on commas and newlines, trimming and dropping empty items. */
function splitList(value) {
    return value
        .split(/[\n,]+/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
}
/** Splits a one-item-a-line input, trimming and dropping empty lines and `#` comments. */
function splitLines(value) {
    return value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'));
}
/** `paths-ignore` when the input is not set: action.yml's default, which INPUT_DEFAULTS holds. */
const DEFAULT_PATHS_IGNORE = Object.freeze(splitLines(INPUT_DEFAULTS['paths-ignore'] ?? ''));
/** Reads the inputs (src/core.ts), checks them against the run, and freezes the result. */
function getInputs(context, env = process.env) {
    const problems = [];
    const raw = (name) => {
        const value = core.getInput(name);
        return value === '' ? (INPUT_DEFAULTS[name] ?? '') : value;
    };
    const problem = (input, message) => {
        problems.push({ input, message });
    };
    const hasProblem = (input) => problems.some((p) => p.input === input);
    // Secrets first, so that nothing below can print them.
    const gitopsToken = core.getInput('gitops-token');
    const githubToken = core.getInput('github-token');
    for (const secret of [gitopsToken, githubToken])
        if (secret)
            core.setSecret(secret);
    const bool = (name) => {
        const value = raw(name);
        if (['true', 'True', 'TRUE'].includes(value))
            return true;
        if (['false', 'False', 'FALSE'].includes(value))
            return false;
        problem(name, `"${value}" is not a boolean; use true or false.`);
        return false;
    };
    const oneOf = (name, allowed) => {
        const value = raw(name);
        if (allowed.includes(value))
            return value;
        problem(name, `"${value}" is not one of ${allowed.join(', ')}.`);
        return allowed[0];
    };
    const keyValues = (name, check) => {
        const entries = {};
        for (const line of splitLines(raw(name))) {
            const equals = line.indexOf('=');
            const key = equals < 0 ? '' : line.slice(0, equals).trim();
            const value = equals < 0 ? '' : line.slice(equals + 1).trim();
            if (equals <= 0 || /\s/.test(key)) {
                problem(name, `"${line}" is not KEY=value; write one KEY=value a line.`);
                continue;
            }
            if (key in entries)
                problem(name, `key "${key}" is given twice.`);
            const wrong = check?.(key, value);
            if (wrong)
                problem(name, wrong);
            entries[key] = value;
        }
        return entries;
    };
    const template = (name) => {
        const value = raw(name);
        const unknown = unknownPlaceholders(value, TEMPLATE_PLACEHOLDERS[name] ?? []);
        if (unknown.length > 0) {
            problem(name, `unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((p) => `{${p}}`).join(', ')}; ` +
                `${name} may use ${(TEMPLATE_PLACEHOLDERS[name] ?? []).map((p) => `{${p}}`).join(', ')}.`);
        }
        return value;
    };
    const dryRun = bool('dry-run');
    const app = raw('app');
    if (app === '')
        problem('app', 'is required: the application name, e.g. myapp-010.');
    else if (!DNS_LABEL.test(app)) {
        problem('app', `"${app}" is not a DNS-1123 label (lowercase letters, digits and '-', at most 63).`);
    }
    const environment = raw('environment');
    if (!DNS_LABEL.test(environment)) {
        problem('environment', `"${environment}" is not a DNS-1123 label (lowercase letters, digits and '-', at most 63).`);
    }
    const repositoryInput = raw('gitops-repository');
    const [owner = '', repo = '', ...rest] = repositoryInput.split('/');
    if (repositoryInput === '') {
        problem('gitops-repository', 'is required: owner/name of the GitOps repository.');
    }
    else if (rest.length > 0 ||
        !OWNER.test(owner) ||
        !REPO_NAME.test(repo) ||
        repo === '.' ||
        repo === '..') {
        problem('gitops-repository', `"${repositoryInput}" is not owner/name (e.g. acme/gitops-apps).`);
    }
    if (gitopsToken === '' && !dryRun) {
        problem('gitops-token', 'is required unless dry-run is true: pass a token with contents:write and pull-requests:write on the GitOps repository, e.g. ${{ secrets.GITOPS_TOKEN }}.');
    }
    const gitopsBase = core.getInput('gitops-base');
    if (gitopsBase !== '') {
        const wrong = branchNameProblem(gitopsBase);
        if (wrong)
            problem('gitops-base', `"${gitopsBase}" is not a valid branch name: it ${wrong}.`);
    }
    // Derived names are checked with stand-ins for an invalid app or environment, so that one
    // mistake is reported once, under its own input.
    const appName = DNS_LABEL.test(app) ? app : 'app';
    const environmentName = DNS_LABEL.test(environment) ? environment : 'env';
    const valuesFile = expandTemplate(template('values-file'), { app, environment });
    const valuesProblem = repositoryPathProblem(expandTemplate(raw('values-file'), { app: appName, environment: environmentName }));
    if (valuesProblem)
        problem('values-file', `"${valuesFile}" ${valuesProblem}.`);
    const imageKey = raw('image-key');
    const keyProblem = keyPathProblem(imageKey);
    if (keyProblem)
        problem('image-key', `"${imageKey}" ${keyProblem}.`);
    const githubApiUrl = (core.getInput('github-api-url') || context.apiUrl).replace(/\/+$/, '');
    if (!isHttpUrl(githubApiUrl)) {
        problem('github-api-url', `"${githubApiUrl}" is not an http(s) URL.`);
    }
    const image = core.getInput('image');
    const parsedImage = image === '' ? undefined : (0,image_reference/* parseImageReference */.o_)(image);
    if (image !== '' && !parsedImage) {
        problem('image', `"${image}" is not a valid image reference (registry/repository:tag).`);
    }
    else if (parsedImage && !parsedImage.tag && !parsedImage.digest) {
        problem('image', `"${image}" has neither a tag nor a digest; promote an exact image (repository:tag or @sha256:...), never an implied :latest.`);
    }
    const ecrRepository = expandTemplate(template('ecr-repository'), { app, environment });
    const ecrRepositoryChecked = expandTemplate(raw('ecr-repository'), {
        app: appName,
        environment: environmentName
    });
    if (ecrRepositoryChecked.length < 2 ||
        ecrRepositoryChecked.length > 256 ||
        !ECR_REPOSITORY.test(ecrRepositoryChecked)) {
        problem('ecr-repository', `"${ecrRepository}" is not a valid ECR repository name (lowercase, digits, '.', '_', '-', '/' between parts).`);
    }
    const registryId = core.getInput('registry-id');
    if (registryId !== '' && !ACCOUNT_ID.test(registryId)) {
        problem('registry-id', `"${registryId}" is not a 12-digit AWS account ID.`);
    }
    const awsRegion = core.getInput('aws-region') || env.AWS_REGION || env.AWS_DEFAULT_REGION || '';
    if (awsRegion !== '' && !AWS_REGION.test(awsRegion)) {
        problem('aws-region', `"${awsRegion}" is not an AWS region name (e.g. us-east-1).`);
    }
    else if (awsRegion === '' && image === '' && !dryRun) {
        problem('aws-region', 'is required to build and push: set aws-region, or run aws-actions/configure-aws-credentials first (it sets AWS_REGION).');
    }
    const sha7 = context.sha.slice(0, 7);
    const runValues = {
        app: appName,
        environment: environmentName,
        sha: context.sha,
        sha7,
        ref_name: sanitizeRefName(context.refName || 'detached'),
        run_number: String(context.runNumber),
        run_attempt: String(context.runAttempt)
    };
    const tagTemplate = template('tag');
    let tag = expandTemplate(tagTemplate, runValues);
    if (parsedImage) {
        tag = parsedImage.tag ?? '';
    }
    else if (!hasProblem('tag') && !isValidDockerTag(tag)) {
        problem('tag', `"${tagTemplate}" expands to "${tag}", which is not a valid Docker tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}).`);
    }
    const buildContext = raw('context');
    const contextProblem = workspacePathProblem(buildContext, context.workspace);
    if (image === '' && contextProblem)
        problem('context', `"${buildContext}" ${contextProblem}.`);
    const dockerfile = expandTemplate(template('dockerfile'), {
        context: buildContext.replace(/\/+$/, ''),
        app,
        environment
    });
    const dockerfileProblem = workspacePathProblem(dockerfile, context.workspace);
    if (image === '' && !hasProblem('context') && dockerfileProblem)
        problem('dockerfile', `"${dockerfile}" ${dockerfileProblem}.`);
    const buildArgs = keyValues('build-args');
    const labels = keyValues('labels');
    const platforms = splitList(raw('platforms'));
    for (const platform of platforms) {
        if (!PLATFORM.test(platform)) {
            problem('platforms', `"${platform}" is not os/arch[/variant] (e.g. linux/amd64).`);
        }
    }
    const repositoryEncryption = oneOf('repository-encryption', [
        'AES256',
        'KMS'
    ]);
    const repositoryKmsKey = core.getInput('repository-kms-key');
    if (repositoryKmsKey !== '' && repositoryEncryption !== 'KMS') {
        problem('repository-kms-key', 'is set but repository-encryption is not KMS; set both or neither.');
    }
    const repositoryTags = keyValues('repository-tags', (key, value) => key.length > 128 || value.length > 256
        ? `tag "${key}" is too long (keys up to 128 characters, values up to 256).`
        : undefined);
    let repositoryLifecyclePolicy = '';
    try {
        repositoryLifecyclePolicy = (0,lifecycle_policy/* loadLifecyclePolicy */.P)(core.getInput('repository-lifecycle-policy'), context.workspace);
    }
    catch (error) {
        if (!(error instanceof errors/* ActionError */.lZ))
            throw error;
        problem('repository-lifecycle-policy', error.message.replace(/^repository-lifecycle-policy:? ?/, ''));
    }
    // The runner sets every input of action.yml, its default when the workflow leaves it out, so an
    // empty `paths-ignore` was set empty on purpose: nothing is ignored. Absent (a run outside the
    // runner) means the default.
    const pathsIgnore = !core.hasInput('paths-ignore')
        ? [...DEFAULT_PATHS_IGNORE]
        : splitLines(core.getInput('paths-ignore'));
    const paths = splitLines(core.getInput('paths'));
    for (const [name, patterns] of [
        ['paths-ignore', pathsIgnore],
        ['paths', paths]
    ]) {
        for (const message of (0,path_patterns/* patternListProblems */.Nq)(patterns))
            problem(name, `${message}.`);
    }
    const branchTemplate = template('branch');
    const commitMessageTemplate = template('commit-message');
    const prTitleTemplate = core.getInput('pr-title') === '' ? commitMessageTemplate : template('pr-title');
    const prBodyTemplate = core.getInput('pr-body') === '' ? '' : template('pr-body');
    // The branch depends on the image, known only after the registry answers: check it with a
    // representative image now, and again when it is expanded for real.
    const sampleImage = image || `123456789012.dkr.ecr.us-east-1.amazonaws.com/${ecrRepository}:${tag}`;
    const sampleValues = { ...runValues, tag, image: sampleImage };
    const sampleBranch = expandTemplate(branchTemplate, sampleValues);
    const branchProblem = branchNameProblem(sampleBranch);
    if (branchProblem && !hasProblem('branch')) {
        problem('branch', `"${branchTemplate}" expands to "${sampleBranch}", which ${branchProblem}.`);
    }
    if (expandTemplate(commitMessageTemplate, sampleValues).trim() === '') {
        problem('commit-message', 'expands to an empty message.');
    }
    const prReviewers = splitList(core.getInput('pr-reviewers'));
    for (const login of prReviewers) {
        if (!GITHUB_LOGIN.test(login))
            problem('pr-reviewers', `"${login}" is not a GitHub login.`);
    }
    const prTeamReviewers = splitList(core.getInput('pr-team-reviewers')).map((team) => {
        if (!TEAM_SLUG.test(team))
            problem('pr-team-reviewers', `"${team}" is not a team slug.`);
        return team.includes('/') ? team.slice(team.indexOf('/') + 1) : team;
    });
    const prLabels = splitList(core.getInput('pr-labels'));
    for (const label of prLabels) {
        if (label.length > 50)
            problem('pr-labels', `"${label}" is longer than 50 characters.`);
    }
    const autoMergeValue = oneOf('auto-merge', ['false', 'merge', 'squash', 'rebase']);
    const mode = oneOf('mode', ['pull-request', 'commit']);
    const inputs = {
        app,
        environment,
        gitopsRepository: Object.freeze({ owner, repo }),
        gitopsToken,
        gitopsBase,
        valuesFile,
        imageKey,
        githubApiUrl,
        githubToken,
        image,
        ecrRepository,
        registryId,
        awsRegion,
        tag,
        context: buildContext,
        dockerfile,
        buildArgs: Object.freeze(buildArgs),
        labels: Object.freeze(labels),
        target: core.getInput('target'),
        platforms: Object.freeze(platforms),
        cacheFrom: Object.freeze(splitLines(core.getInput('cache-from'))),
        cacheTo: Object.freeze(splitLines(core.getInput('cache-to'))),
        network: core.getInput('network'),
        createRepository: bool('create-repository'),
        repositoryTagMutability: oneOf('repository-tag-mutability', [
            'IMMUTABLE',
            'MUTABLE'
        ]),
        repositoryScanOnPush: bool('repository-scan-on-push'),
        repositoryEncryption,
        repositoryKmsKey,
        repositoryLifecyclePolicy,
        repositoryTags: Object.freeze(repositoryTags),
        pathsIgnore: Object.freeze(pathsIgnore),
        paths: Object.freeze(paths),
        force: bool('force'),
        branchTemplate,
        commitMessageTemplate,
        prTitleTemplate,
        prBodyTemplate,
        prLabels: Object.freeze(prLabels),
        prReviewers: Object.freeze(prReviewers),
        prTeamReviewers: Object.freeze(prTeamReviewers),
        prDraft: bool('pr-draft'),
        autoMerge: autoMergeValue === 'false' ? false : autoMergeValue,
        supersede: bool('supersede'),
        digestPin: bool('digest-pin'),
        mode,
        provenance: core.getInput('provenance'),
        sbom: core.getInput('sbom'),
        dryRun
    };
    if (problems.length > 0)
        throw new InputError(problems);
    return Object.freeze(inputs);
}
/** The run's template values once the image is known. */
function templateValues(inputs, context, image) {
    return {
        app: inputs.app,
        environment: inputs.environment,
        sha: context.sha,
        sha7: context.sha.slice(0, 7),
        ref_name: sanitizeRefName(context.refName || 'detached'),
        run_number: String(context.runNumber),
        run_attempt: String(context.runAttempt),
        tag: inputs.tag,
        image
    };
}
/** Why `file` is not a safe path inside a repository, or undefined. */
function repositoryPathProblem(file) {
    if (file === '')
        return 'is empty';
    if (file.startsWith('/') || /^[A-Za-z]:/.test(file))
        return 'is absolute; give a path relative to the repository root';
    if (file.includes('\\'))
        return "contains '\\'; use '/' between folders";
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x1f\x7f]/.test(file))
        return 'contains a control character';
    const segments = file.split('/');
    if (segments.includes('..'))
        return "contains '..' and could leave the repository";
    if (segments.some((segment) => segment === '' || segment === '.')) {
        return "has an empty or '.' folder; write a plain relative path";
    }
    if (segments[0] === '.git')
        return 'points inside .git';
    return undefined;
}
/** Why `keyPath` is not a usable dot path, or undefined: the patch's own parser, asked now. */
function keyPathProblem(keyPath) {
    try {
        (0,key_path/* parseKeyPath */._q)(keyPath);
        return undefined;
    }
    catch (error) {
        if (!(error instanceof key_path/* KeyPathError */.$M))
            throw error;
        return `is not a valid key path: ${error.message}; ${key_path/* IMAGE_KEY_HINT */.ir}`;
    }
}
function workspacePathProblem(file, workspace) {
    if (file === '')
        return 'is empty';
    const resolved = external_node_path_default().resolve(workspace, file);
    const relative = external_node_path_default().relative(workspace, resolved);
    if (relative.startsWith('..') || external_node_path_default().isAbsolute(relative)) {
        return `is outside the workspace (${workspace}); give a path inside the repository`;
    }
    return undefined;
}
function isHttpUrl(value) {
    try {
        const url = new URL(value);
        return url.protocol === 'https:' || url.protocol === 'http:';
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/summary.ts
/**
 * The job summary (`GITHUB_STEP_SUMMARY`), rendered from plain data. Short: it is read on a phone.
 */
const OPERATION_TEXT = {
    created: 'pull request opened',
    updated: 'pull request updated',
    unchanged: 'already up to date',
    superseded: 'a newer run already bumped this file',
    committed: 'committed to the base branch',
    none: 'nothing changed'
};
/** Markdown for the job summary. */
function renderSummary(report) {
    const title = (icon, text) => `### ${icon} ${text}: \`${report.app}\` → \`${report.environment}\``;
    if (report.kind === 'skipped') {
        return `${title('⏭️', 'Skipped')}\n\n${escapeText(report.reason)}\n\nSet \`force: true\` to build anyway.\n`;
    }
    if (report.kind === 'failed') {
        const lines = [title('❌', `Failed at ${report.step}`), '', `**${escapeText(report.message)}**`];
        if (report.hint)
            lines.push('', escapeText(report.hint));
        if (report.done.length > 0) {
            lines.push('', 'Done before the failure:', ...report.done.map((item) => `- ${escapeText(item)}`));
        }
        lines.push('', 'Re-running the job is safe: it finishes what is missing and opens no second pull request.');
        return lines.join('\n') + '\n';
    }
    const heading = report.dryRun ? title('🧪', 'Dry run') : title('✅', 'Bumped');
    const rows = [
        ['Image', `\`${report.image}\`${imageSourceText(report)}`],
        ['Digest', report.digest ? `\`${report.digest}\`` : '—'],
        ['Values', `\`${report.gitopsRepository}\` \`${report.valuesFile}\``],
        ['Result', resultText(report)]
    ];
    const lines = [heading, '', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
    for (const note of report.notes)
        lines.push('', `> ${escapeText(note)}`);
    if (report.diff)
        lines.push('', '```diff', report.diff.replace(/\n$/, ''), '```');
    return lines.join('\n') + '\n';
}
function imageSourceText(report) {
    const created = report.repositoryCreated ? ', repository created' : '';
    switch (report.imageSource) {
        case 'built':
            return ` (built and pushed${created})`;
        case 'reused':
            return ` (tag already in the registry, not rebuilt${created})`;
        case 'promoted':
            return ' (promoted, not rebuilt)';
        case 'planned':
            return ' (would be built and pushed)';
    }
}
function resultText(report) {
    if (report.dryRun)
        return 'dry run: nothing was changed';
    const link = report.pullRequestUrl
        ? ` [#${report.pullRequestNumber}](${report.pullRequestUrl})`
        : report.commitSha
            ? ` \`${report.commitSha.slice(0, 7)}\``
            : '';
    const newer = report.supersededBy ? ` (${report.supersededBy})` : '';
    return `${OPERATION_TEXT[report.operation]}${link}${newer}`;
}
/** Keeps user-controlled text from turning into Markdown structure or HTML. */
function escapeText(text) {
    return text.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * The step, as SPEC.md tells it: inputs → skip? → image → GitOps bump → outputs and summary.
 * The only place that calls `core.setFailed`. The modules of each step are imported when the
 * step runs, so a skipped run never loads the AWS SDK or the Docker code.
 */









/** Every output of action.yml. */
const OUTPUT_NAMES = [
    'skipped',
    'skip-reason',
    'image',
    'tag',
    'digest',
    'registry',
    'repository-uri',
    'repository-created',
    'previous-image',
    'values-file',
    'branch',
    'commit-sha',
    'commits-verified',
    'pull-request-number',
    'pull-request-url',
    'pull-request-operation'
];
function initialOutputs() {
    const outputs = Object.fromEntries(OUTPUT_NAMES.map((name) => [name, '']));
    outputs.skipped = 'false';
    outputs['repository-created'] = 'false';
    outputs['commits-verified'] = 'false';
    outputs['pull-request-operation'] = 'none';
    return outputs;
}
async function run() {
    const outputs = initialOutputs();
    const progress = { step: 'input validation', done: [], notes: [], cleanups: [] };
    let app = core.getInput('app');
    let environment = core.getInput('environment') || 'dev';
    let report;
    try {
        const context = readRunContext();
        const inputs = getInputs(context);
        app = inputs.app;
        environment = inputs.environment;
        outputs['values-file'] = inputs.valuesFile;
        outputs.tag = inputs.tag;
        progress.step = 'the skip decision';
        const skipReason = await core.group('Changed files', () => decideSkipReason(inputs, context));
        if (skipReason !== undefined) {
            outputs.skipped = 'true';
            outputs['skip-reason'] = skipReason;
            report = { kind: 'skipped', app, environment, reason: skipReason };
            return;
        }
        progress.step = 'the image';
        const image = await core.group('Image', () => produceImage(inputs, context, outputs, progress));
        progress.step = 'the GitOps pull request';
        report = await core.group('GitOps pull request', () => bumpGitOpsRepository(inputs, context, image, outputs, progress));
    }
    catch (error) {
        const actionError = error instanceof errors/* ActionError */.lZ ? error : undefined;
        core.setFailed(failureMessage(error));
        // For a bug report (step debug logging on): where in dist/index.js, mapped by dist/*.map.
        if (!actionError && error instanceof Error && error.stack)
            core.debug(error.stack);
        report = {
            kind: 'failed',
            app,
            environment,
            step: progress.step,
            message: actionError ? actionError.message : `Unexpected error: ${(0,errors/* errorMessage */.gJ)(error)}`,
            hint: actionError
                ? actionError.hint
                : 'This is a bug in gitops-image-bump; please report it.',
            done: progress.done
        };
    }
    finally {
        for (const cleanup of progress.cleanups.reverse()) {
            await cleanup().catch((error) => core.warning(`Cleanup failed: ${(0,errors/* errorMessage */.gJ)(error)}`));
        }
        for (const name of OUTPUT_NAMES)
            core.setOutput(name, outputs[name]);
        if (report)
            await writeSummary(report);
    }
}
/** Step 1: the reason to skip this run, or undefined to go on. */
async function decideSkipReason(inputs, context) {
    const { createGitRunner, evaluateSkip } = await __nccwpck_require__.e(/* import() */ 582).then(__nccwpck_require__.bind(__nccwpck_require__, 4582));
    const filters = { force: inputs.force, paths: inputs.paths, pathsIgnore: inputs.pathsIgnore };
    // The GitHub client is loaded only when the compare API is asked.
    const octokit = inputs.githubToken
        ? async () => (await Promise.all(/* import() */[__nccwpck_require__.e(224), __nccwpck_require__.e(381)]).then(__nccwpck_require__.bind(__nccwpck_require__, 381))).createRequestClient({
            token: inputs.githubToken,
            baseUrl: context.apiUrl,
            requestTimeoutMs: positiveNumber(process.env.GIB_GITHUB_REQUEST_TIMEOUT_MS)
        })
        : undefined;
    const decision = await evaluateSkip(context, filters, {
        octokit,
        git: createGitRunner(context.workspace)
    });
    core.info(`${decision.skip ? 'Skipping' : 'Building'}: ${decision.reason}`);
    return decision.skip ? decision.reason : undefined;
}
/** Steps 2 and 3: promote `image`, or ensure the ECR repository, log in, build and push. */
async function produceImage(inputs, context, outputs, progress) {
    if (inputs.image) {
        const image = await promotedImage(inputs, progress);
        Object.assign(outputs, {
            image: inputs.image,
            digest: image.digest,
            registry: (0,image_reference/* registryOf */.Fv)(inputs.image)?.registry ?? '',
            'repository-uri': (0,image_reference/* registryOf */.Fv)(inputs.image)?.repositoryUri ?? ''
        });
        return image;
    }
    const ecr = await Promise.all(/* import() */[__nccwpck_require__.e(276), __nccwpck_require__.e(497)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4497));
    const client = ecr.createEcrClient({ region: inputs.awsRegion });
    if (inputs.dryRun)
        return plannedImage(inputs, ecr, client, outputs, progress);
    // What the build needs besides ECR: a Docker daemon that answers (and whether buildx is there)
    // and the image's created time (it may ask git; a bad SOURCE_DATE_EPOCH fails). Asked once ECR
    // has answered the first read, so their process starts do not hold that request back
    // (BENCHMARKS.md §2), and always before anything is created in ECR. Docker's error comes
    // first, whatever ECR answered.
    // A build setting this Docker cannot honour (the classic builder: one platform, no cache
    // export, no attestation, labels a Dockerfile can carry) is refused here too, before anything
    // is created in ECR.
    let prerequisites;
    const prepare = () => {
        if (prerequisites === undefined) {
            const docker = Promise.all(/* import() */[__nccwpck_require__.e(260), __nccwpck_require__.e(871)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3871));
            const dockerCheck = docker.then((module) => module.detectDocker());
            const created = __nccwpck_require__.e(/* import() */ 563).then(__nccwpck_require__.bind(__nccwpck_require__, 4563)).then(({ imageCreated }) => imageCreated(context));
            created.catch(() => undefined);
            prerequisites = dockerCheck.then(async (capabilities) => {
                const build = buildSettings(inputs, context, await created);
                (await docker).checkBuildable(build, capabilities);
                return [capabilities, build];
            });
            prerequisites.catch(() => undefined);
        }
        return prerequisites;
    };
    const repository = await ecr
        .ensureRepository(client, {
        repositoryName: inputs.ecrRepository,
        registryId: inputs.registryId || undefined,
        tagMutability: inputs.repositoryTagMutability,
        scanOnPush: inputs.repositoryScanOnPush,
        encryption: inputs.repositoryEncryption,
        kmsKey: inputs.repositoryKmsKey || undefined,
        tags: inputs.repositoryTags,
        lifecyclePolicy: inputs.repositoryLifecyclePolicy || undefined,
        create: inputs.createRepository,
        beforeCreate: prepare
    })
        .catch(async (error) => {
        await prepare();
        throw error;
    });
    outputs['repository-created'] = String(repository.created);
    if (repository.created)
        progress.done.push(`ECR repository created: ${repository.repositoryUri}`);
    // The registry token and, where this tag is immutable, whether it is already there (a re-run)
    // are asked at once, while Docker is checked. A mutable tag is built and pushed again, and a
    // repository this run created holds no tag yet: neither is looked up.
    const preparing = prepare();
    const loginRequest = ecr.getRegistryLogin(client, inputs.registryId || undefined);
    loginRequest.catch(() => undefined);
    const existing = await ecr
        .findReusableImage(client, repository, {
        repositoryName: inputs.ecrRepository,
        registryId: inputs.registryId || undefined,
        tag: inputs.tag
    })
        .catch(async (error) => {
        await preparing;
        throw error;
    });
    // Reusing the image needs neither Docker nor its created time; a build waits for both before
    // the token, so Docker's error comes first.
    if (existing === undefined)
        await preparing;
    const login = await loginRequest;
    const docker = await Promise.all(/* import() */[__nccwpck_require__.e(260), __nccwpck_require__.e(871)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3871));
    const repositoryUri = `${login.host}/${inputs.ecrRepository}`;
    Object.assign(outputs, { registry: login.host, 'repository-uri': repositoryUri });
    let published;
    if (existing !== undefined) {
        published = docker.reusedImage(`${repositoryUri}:${inputs.tag}`, existing);
    }
    else {
        const [capabilities, build] = await preparing;
        published = await buildAndPushImage(inputs, context, docker, { login, repositoryUri, capabilities, build }, progress);
    }
    Object.assign(outputs, { image: published.image, digest: published.digest });
    progress.done.push(`image ${published.built ? 'pushed' : 'reused'}: ${published.image}`);
    return {
        reference: published.image,
        digest: published.digest,
        source: published.built ? 'built' : 'reused',
        repositoryCreated: repository.created
    };
}
/** The isolated Docker login, then the build and push of `<repositoryUri>:<tag>`. */
async function buildAndPushImage(inputs, context, docker, target, progress) {
    const { login, repositoryUri, capabilities, build } = target;
    const session = await docker.createDockerSession(context.runnerTemp);
    progress.cleanups.push(() => session.dispose());
    // Exiting runs the session's own 'exit' handler, which removes the private Docker config.
    const onSignal = (signal) => process.exit(signal === 'SIGINT' ? 130 : 143);
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    progress.cleanups.push(() => {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        return Promise.resolve();
    });
    await session.login(login.host, login.username, login.password);
    return docker.publishImage({ session, repositoryUri, tag: inputs.tag, capabilities, build });
}
/** How to build, from the inputs and the run; `createdTime` dates the image. */
function buildSettings(inputs, context, createdTime) {
    return {
        context: external_node_path_default().resolve(context.workspace, inputs.context),
        dockerfile: external_node_path_default().resolve(context.workspace, inputs.dockerfile),
        buildArgs: inputs.buildArgs,
        labels: inputs.labels,
        target: inputs.target,
        network: inputs.network,
        platforms: inputs.platforms,
        cacheFrom: inputs.cacheFrom,
        cacheTo: inputs.cacheTo,
        provenance: inputs.provenance,
        sbom: inputs.sbom,
        source: {
            url: context.repository ? `${context.serverUrl}/${context.repository}` : undefined,
            revision: context.sha,
            created: createdTime
        }
    };
}
/** Promotion: no build; an image in ECR must exist there, and its digest is read back. */
async function promotedImage(inputs, progress) {
    const inEcr = (0,image_reference/* parseEcrImageReference */.eo)(inputs.image);
    let digest = (0,image_reference/* registryOf */.Fv)(inputs.image)?.digest ?? '';
    if (inEcr) {
        const ecr = await Promise.all(/* import() */[__nccwpck_require__.e(276), __nccwpck_require__.e(497)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4497));
        try {
            digest = await ecr.verifyImage(ecr.createEcrClient({ region: inEcr.region }), inEcr);
            core.info(`Promoting ${inputs.image} (${digest}); nothing is built.`);
        }
        catch (error) {
            if (!inputs.dryRun)
                throw error;
            progress.notes.push(`Could not verify ${inputs.image} in ECR: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    }
    else {
        core.info(`Promoting ${inputs.image}; it is not in ECR, so its existence is not checked.`);
    }
    return { reference: inputs.image, digest, source: 'promoted', repositoryCreated: false };
}
/** Dry run: only reads. The repository URI comes from ECR when it can be read. */
async function plannedImage(inputs, ecr, client, outputs, progress) {
    let repositoryUri = `${inputs.registryId || '<account>'}.dkr.ecr.${inputs.awsRegion || '<region>'}.amazonaws.com/${inputs.ecrRepository}`;
    try {
        const found = await ecr.findRepository(client, inputs.ecrRepository, inputs.registryId || undefined);
        if (found)
            repositoryUri = found.repositoryUri;
        else {
            progress.notes.push(inputs.createRepository
                ? `Dry run: the ECR repository ${inputs.ecrRepository} does not exist yet; a real run would create it.`
                : `Dry run: the ECR repository ${inputs.ecrRepository} does not exist and create-repository is false; a real run would stop there.`);
        }
    }
    catch (error) {
        progress.notes.push(`Dry run: the ECR repository could not be read (${(0,errors/* errorMessage */.gJ)(error)}).`);
    }
    const reference = `${repositoryUri}:${inputs.tag}`;
    Object.assign(outputs, {
        image: reference,
        registry: (0,image_reference/* registryOf */.Fv)(reference)?.registry ?? '',
        'repository-uri': repositoryUri
    });
    core.info(`Dry run: would build and push ${reference}.`);
    return { reference, digest: '', source: 'planned', repositoryCreated: false };
}
/** Step 4: patch the values file on a branch and open or update the pull request. */
async function bumpGitOpsRepository(inputs, context, image, outputs, progress) {
    const pinned = image.reference.includes('@');
    if (inputs.digestPin && !pinned && !image.digest) {
        const note = `digest-pin is on, but the digest of ${image.reference} is not known${image.source === 'planned' ? ' before the image is built' : ''}; writing it without one.`;
        if (image.source === 'planned')
            progress.notes.push(note);
        else
            core.warning(note);
    }
    const value = inputs.digestPin && image.digest && !pinned
        ? `${image.reference}@${image.digest}`
        : image.reference;
    // The `image` output is what the values file gets.
    outputs.image = value;
    const values = templateValues(inputs, context, value);
    const branch = expandTemplate(inputs.branchTemplate, values);
    const branchProblem = branchNameProblem(branch);
    if (branchProblem) {
        throw new errors/* ActionError */.lZ(`branch: "${inputs.branchTemplate}" expands to "${branch}", which ${branchProblem}.`, {
            hint: 'Use placeholders that give a valid branch name, e.g. update-{app}-{sha7}.'
        });
    }
    outputs.branch = inputs.mode === 'commit' ? '' : branch;
    const repository = `${inputs.gitopsRepository.owner}/${inputs.gitopsRepository.repo}`;
    const base = {
        kind: 'done',
        app: inputs.app,
        environment: inputs.environment,
        dryRun: inputs.dryRun,
        image: value,
        digest: image.digest,
        imageSource: image.source,
        repositoryCreated: image.repositoryCreated,
        gitopsRepository: repository,
        valuesFile: inputs.valuesFile,
        pullRequestUrl: '',
        pullRequestNumber: '',
        commitSha: '',
        notes: progress.notes
    };
    if (!inputs.gitopsToken) {
        const note = `Dry run without gitops-token: ${repository} was not read, so the diff of ${inputs.valuesFile} cannot be shown. It would set ${inputs.imageKey} to ${value} on branch ${branch}.`;
        core.info(note);
        progress.notes.push(note);
        return { ...base, operation: 'none', diff: '' };
    }
    const { ACTION_THROTTLE, createGitHubClient, tokenKindOf } = await Promise.all(/* import() */[__nccwpck_require__.e(224), __nccwpck_require__.e(188), __nccwpck_require__.e(590)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6590));
    const { bumpGitOps } = await __nccwpck_require__.e(/* import() */ 16).then(__nccwpck_require__.bind(__nccwpck_require__, 5016));
    const client = createGitHubClient({
        token: inputs.gitopsToken,
        baseUrl: inputs.githubApiUrl,
        throttle: ACTION_THROTTLE,
        // Test knobs: the reliability suite shortens the request timeout and the retry waits.
        requestTimeoutMs: positiveNumber(process.env.GIB_GITHUB_REQUEST_TIMEOUT_MS),
        delayUnitMs: positiveNumber(process.env.GIB_RETRY_DELAY_UNIT_MS)
    });
    const result = await bumpGitOps(client, {
        repository: inputs.gitopsRepository,
        base: inputs.gitopsBase || undefined,
        valuesFile: inputs.valuesFile,
        imageKey: inputs.imageKey,
        image: value,
        digest: image.digest || undefined,
        branch,
        commitMessage: expandTemplate(inputs.commitMessageTemplate, values),
        prTitle: expandTemplate(inputs.prTitleTemplate, values),
        prBody: inputs.prBodyTemplate ? expandTemplate(inputs.prBodyTemplate, values) : undefined,
        draft: inputs.prDraft,
        labels: [...inputs.prLabels],
        reviewers: [...inputs.prReviewers],
        teamReviewers: [...inputs.prTeamReviewers],
        autoMerge: inputs.autoMerge,
        supersede: inputs.supersede,
        mode: inputs.mode,
        dryRun: inputs.dryRun,
        source: {
            app: inputs.app,
            environment: inputs.environment,
            repository: context.repository,
            sha: context.sha,
            runNumber: context.runNumber,
            runAttempt: context.runAttempt,
            runId: context.runId,
            serverUrl: context.serverUrl
        },
        tokenKind: tokenKindOf(inputs.gitopsToken)
    });
    Object.assign(outputs, {
        'previous-image': result.previousImage ?? '',
        branch: result.branch,
        'commit-sha': result.commitSha ?? '',
        'commits-verified': String(result.commitsVerified === true),
        'pull-request-number': result.pullRequestNumber === null ? '' : String(result.pullRequestNumber),
        'pull-request-url': result.pullRequestUrl ?? '',
        'pull-request-operation': result.operation
    });
    if (inputs.dryRun) {
        core.info(`Dry run: the values diff of ${repository}, and the pull request it would open:`);
        printVerbatim([
            result.diff || '(none: the file already holds this image)',
            `Pull request title: ${result.title}`,
            'Pull request body:',
            result.body
        ].join('\n'));
    }
    return {
        ...base,
        operation: result.operation,
        diff: result.diff,
        pullRequestUrl: result.pullRequestUrl ?? '',
        pullRequestNumber: result.pullRequestNumber === null ? '' : String(result.pullRequestNumber),
        commitSha: result.commitSha ?? '',
        supersededBy: result.supersededBy === undefined ? undefined : `newer bump #${result.supersededBy}`
    };
}
/**
 * Prints text that comes from files and inputs (values lines, PR body) with workflow commands
 * switched off, so a line such as `::add-mask::` or `::set-output` in it is shown, not obeyed.
 */
function printVerbatim(text) {
    const token = (0,external_node_crypto_.randomUUID)();
    core.info(`::stop-commands::${token}`);
    core.info(text);
    core.info(`::${token}::`);
}
function positiveNumber(value) {
    const number = Number(value);
    return value && Number.isFinite(number) && number > 0 ? number : undefined;
}
async function writeSummary(report) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    try {
        await core.appendSummary(renderSummary(report));
    }
    catch (error) {
        core.warning(`Could not write the job summary: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}
function failureMessage(error) {
    if (error instanceof errors/* ActionError */.lZ) {
        return error.hint ? `${error.message}\n${error.hint}` : error.message;
    }
    return `Unexpected error (a bug in gitops-image-bump; please report it): ${(0,errors/* errorMessage */.gJ)(error)}`;
}


/***/ }),

/***/ 2390:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Nq: () => (/* binding */ patternListProblems),
/* harmony export */   _K: () => (/* binding */ compilePatternList)
/* harmony export */ });
/* unused harmony exports PatternSyntaxError, compilePattern, matchesPattern, matchesPatterns */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);
/**
 * GitHub's path filter patterns (`on.push.paths` / `paths-ignore`), matched the way the
 * "Filter pattern cheat sheet" of GitHub's workflow-syntax documentation describes them:
 *
 * - `*` matches any run of characters except `/`; `**` matches any run, `/` included;
 *   `**` followed by `/` also matches nothing at all (`**` + `/README.md` matches `README.md`).
 * - `?` makes the preceding character optional and `+` repeats it one or more times
 *   (`*.jsx?` matches `page.js` and `page.jsx`). At the very start they are literal.
 * - `[...]` matches one listed character or range; ranges stay within `a-z`, `A-Z` or `0-9`.
 * - `\` makes the next character literal (`\!file`, `\*`, `\[`).
 * - A leading `!` negates the pattern. In a list, patterns are applied in order and the last
 *   one that matches a path decides, so a later pattern re-includes what a `!` excluded.
 * - Matching is case-sensitive, covers the whole path from the repository root, and dotfiles
 *   are ordinary files (`*` matches `.gitignore`).
 *
 * Anything else (`.`, `{`, `(`, `|`) is literal: GitHub does not expand braces either.
 * Matching never backtracks exponentially: it is a memoised walk over (pattern token, path
 * position), so a pattern with many stars costs at most tokens × length².
 */

/** Why a pattern cannot be used; thrown by `compilePattern`. */
class PatternSyntaxError extends Error {
    pattern;
    problem;
    constructor(pattern, problem) {
        super(`path pattern '${pattern}' ${problem}`);
        this.pattern = pattern;
        this.problem = problem;
        this.name = 'PatternSyntaxError';
    }
}
const RANGE_CLASSES = [
    ['a', 'z'],
    ['A', 'Z'],
    ['0', '9']
];
/** Parses one pattern. Throws `PatternSyntaxError` saying what is wrong with it. */
function compilePattern(pattern) {
    const chars = Array.from(pattern);
    let index = 0;
    let negated = false;
    if (chars[0] === '!') {
        negated = true;
        index = 1;
    }
    if (index >= chars.length) {
        throw new PatternSyntaxError(pattern, negated ? "has nothing after '!'" : 'is empty');
    }
    const body = chars.slice(index).join('');
    if (body.startsWith('/') || body.startsWith('./')) {
        throw new PatternSyntaxError(pattern, "starts with '/' or './', so it can never match: paths are relative to the repository root without a leading slash");
    }
    if (body.endsWith('/')) {
        throw new PatternSyntaxError(pattern, `ends with '/', so it can never match: filters match files; write '${pattern}**' for everything below that folder`);
    }
    const tokens = [];
    const literal = (char) => ({
        kind: 'char',
        accepts: (c) => c === char,
        min: 1,
        max: 1,
        wildcard: false
    });
    while (index < chars.length) {
        const char = chars[index];
        if (char === '*') {
            if (chars[index + 1] === '*') {
                if (chars[index + 2] === '/') {
                    tokens.push({ kind: 'any-directories' });
                    index += 3;
                }
                else {
                    tokens.push({ kind: 'char', accepts: () => true, min: 0, max: Infinity, wildcard: true });
                    index += 2;
                }
            }
            else {
                tokens.push({
                    kind: 'char',
                    accepts: (c) => c !== '/',
                    min: 0,
                    max: Infinity,
                    wildcard: true
                });
                index += 1;
            }
        }
        else if (char === '?' || char === '+') {
            const previous = tokens.at(-1);
            if (previous === undefined || previous.kind !== 'char') {
                // Nothing to repeat (start of the pattern, or right after `**/`): a literal character.
                tokens.push(literal(char));
            }
            else if (!previous.wildcard) {
                tokens[tokens.length - 1] =
                    char === '?' ? { ...previous, min: 0 } : { ...previous, max: Infinity };
            }
            index += 1;
        }
        else if (char === '[') {
            const parsed = parseBracket(pattern, chars, index);
            tokens.push({ kind: 'char', accepts: parsed.accepts, min: 1, max: 1, wildcard: false });
            index = parsed.next;
        }
        else if (char === '\\') {
            const escaped = chars[index + 1];
            if (escaped === undefined) {
                throw new PatternSyntaxError(pattern, "ends with '\\', which escapes nothing");
            }
            tokens.push(literal(escaped));
            index += 2;
        }
        else {
            tokens.push(literal(char));
            index += 1;
        }
    }
    return { source: pattern, negated, tokens };
}
function parseBracket(pattern, chars, open) {
    const singles = new Set();
    const ranges = [];
    let index = open + 1;
    if (chars[index] === ']') {
        throw new PatternSyntaxError(pattern, `has empty brackets '[]' at position ${open + 1}`);
    }
    if (chars[index] === '!' || chars[index] === '^') {
        throw new PatternSyntaxError(pattern, `has '[${chars[index]}' at position ${open + 1}: negated character classes are not part of GitHub's filter syntax; use a '!' pattern instead`);
    }
    while (index < chars.length && chars[index] !== ']') {
        let char = chars[index];
        if (char === '\\') {
            index += 1;
            char = chars[index];
            if (char === undefined)
                break;
            singles.add(char);
            index += 1;
            continue;
        }
        const rangeEnd = chars[index + 2];
        if (chars[index + 1] === '-' && rangeEnd !== undefined && rangeEnd !== ']') {
            const valid = RANGE_CLASSES.some(([low, high]) => char >= low && rangeEnd <= high && char <= rangeEnd && rangeEnd >= low);
            if (!valid || char.length !== 1 || rangeEnd.length !== 1) {
                throw new PatternSyntaxError(pattern, `has the range '${char}-${rangeEnd}': ranges can only go from low to high within a-z, A-Z or 0-9`);
            }
            ranges.push([char, rangeEnd]);
            index += 3;
            continue;
        }
        singles.add(char);
        index += 1;
    }
    if (index >= chars.length) {
        throw new PatternSyntaxError(pattern, `has '[' at position ${open + 1} without a closing ']'; write '\\[' to match a bracket`);
    }
    return {
        accepts: (c) => singles.has(c) || ranges.some(([low, high]) => c >= low && c <= high),
        next: index + 1
    };
}
/** Whether the compiled pattern's glob (ignoring its `!`) covers the whole path. */
function globMatches(pattern, path) {
    const chars = Array.from(path);
    const { tokens } = pattern;
    const width = chars.length + 1;
    // 0 = not computed, 1 = matches, 2 = does not.
    const memo = new Uint8Array((tokens.length + 1) * width);
    const matchFrom = (tokenIndex, position) => {
        const slot = tokenIndex * width + position;
        const cached = memo[slot];
        if (cached !== 0)
            return cached === 1;
        const result = compute(tokenIndex, position);
        memo[slot] = result ? 1 : 2;
        return result;
    };
    const compute = (tokenIndex, position) => {
        const token = tokens[tokenIndex];
        if (token === undefined)
            return position === chars.length;
        if (token.kind === 'any-directories') {
            if (matchFrom(tokenIndex + 1, position))
                return true;
            for (let end = position; end < chars.length; end += 1) {
                if (chars[end] === '/' && matchFrom(tokenIndex + 1, end + 1))
                    return true;
            }
            return false;
        }
        let count = 0;
        let at = position;
        while (count < token.min) {
            if (at >= chars.length || !token.accepts(chars[at]))
                return false;
            at += 1;
            count += 1;
        }
        for (;;) {
            if (matchFrom(tokenIndex + 1, at))
                return true;
            if (count >= token.max || at >= chars.length || !token.accepts(chars[at]))
                return false;
            at += 1;
            count += 1;
        }
    };
    return matchFrom(0, 0);
}
const cache = new Map();
function compiled(pattern) {
    let entry = cache.get(pattern);
    if (entry === undefined) {
        entry = compilePattern(pattern);
        if (cache.size > 1000)
            cache.clear();
        cache.set(pattern, entry);
    }
    return entry;
}
/**
 * Whether `file` matches one pattern. A `!` pattern on its own matches nothing: negation
 * only takes away what an earlier pattern in a list matched (see `matchesPatterns`).
 * Throws `PatternSyntaxError` for an invalid pattern.
 */
function matchesPattern(file, pattern) {
    return matchesPatterns(file, [pattern]);
}
/**
 * Whether `file` is selected by an ordered list of patterns, as `paths` and `paths-ignore`
 * evaluate it: every pattern that matches sets the answer (`true`, or `false` for a `!`
 * pattern), so the last matching pattern wins. Throws `PatternSyntaxError`.
 */
function matchesPatterns(file, patterns) {
    let selected = false;
    for (const pattern of patterns) {
        const entry = compiled(pattern);
        if (entry.negated === selected && globMatches(entry, file))
            selected = !entry.negated;
    }
    return selected;
}
/**
 * Problems with one input's list of patterns, one message each (without the input's name),
 * empty when all are usable. For input validation before any network call.
 */
function patternListProblems(patterns) {
    const problems = [];
    for (const pattern of patterns) {
        try {
            compiled(pattern);
        }
        catch (error) {
            if (!(error instanceof PatternSyntaxError))
                throw error;
            problems.push(error.message);
        }
    }
    if (patterns.length > 0 && patterns.every((pattern) => pattern.startsWith('!'))) {
        problems.push("every pattern starts with '!', so the list matches nothing: a '!' pattern only takes away files an earlier pattern matched");
    }
    return problems;
}
/**
 * A matcher for one input's patterns, checked up front. Throws an ActionError naming the
 * input when a pattern is invalid.
 */
function compilePatternList(inputName, patterns) {
    const problems = patternListProblems(patterns);
    if (problems.length > 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Invalid ${inputName}: ${problems.join('; ')}.`, {
            hint: "Fix the pattern in the action's inputs. The syntax is that of GitHub's on.push.paths filters: '*', '**', '?', '+', '[a-z]', and a leading '!' to negate."
        });
    }
    return (file) => matchesPatterns(file, patterns);
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

//# sourceMappingURL=index.js.map