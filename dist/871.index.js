export const id = 871;
export const ids = [871];
export const modules = {

/***/ 3871:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEFAULT_RETRY: () => (/* binding */ DEFAULT_RETRY),
/* harmony export */   buildAndPush: () => (/* binding */ buildAndPush),
/* harmony export */   buildArgs: () => (/* binding */ buildArgs),
/* harmony export */   checkBuildable: () => (/* binding */ checkBuildable),
/* harmony export */   createDockerSession: () => (/* binding */ createDockerSession),
/* harmony export */   defaultRegistryScheme: () => (/* binding */ defaultRegistryScheme),
/* harmony export */   detectDocker: () => (/* binding */ detectDocker),
/* harmony export */   inheritedLogins: () => (/* binding */ inheritedLogins),
/* harmony export */   isTransientBuildxPushFailure: () => (/* binding */ isTransientBuildxPushFailure),
/* harmony export */   isTransientRegistryFailure: () => (/* binding */ isTransientRegistryFailure),
/* harmony export */   labelArgs: () => (/* binding */ labelArgs),
/* harmony export */   labelInstruction: () => (/* binding */ labelInstruction),
/* harmony export */   publishImage: () => (/* binding */ publishImage),
/* harmony export */   pushArgs: () => (/* binding */ pushArgs),
/* harmony export */   readManifestDigest: () => (/* binding */ readManifestDigest),
/* harmony export */   reusedImage: () => (/* binding */ reusedImage),
/* harmony export */   splitReference: () => (/* binding */ splitReference)
/* harmony export */ });
/* harmony import */ var _core_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(828);
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1260);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_6___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_6__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_7___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_7__);
/* harmony import */ var _node_fetch_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(4350);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(3916);
/* harmony import */ var _image_reference_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(1794);
/**
 * The Docker half of the image step: an isolated login, the build (buildx or the classic builder),
 * the push with retries, and the pushed digest read back from the registry.
 *
 * Every command runs with a private `DOCKER_CONFIG` under `RUNNER_TEMP`, so the registry password
 * never lands in the user's `~/.docker`, and the directory is removed when the action ends.
 */











const DEFAULT_RETRY = {
    attempts: 4,
    baseDelayMs: 2000,
    sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds))
};
/** Lines of command output kept for error messages. */
const TAIL_LINES = 20;
const OCI_LABELS = {
    url: 'org.opencontainers.image.source',
    revision: 'org.opencontainers.image.revision',
    created: 'org.opencontainers.image.created'
};
const NO_BUILDX_HINT = 'Add docker/setup-buildx-action before this step, or leave the input empty for the classic builder.';
/**
 * Throws the ActionError of a build setting this builder cannot honour; buildx honours them all.
 * The classic builder takes one platform, image references as caches, no cache export, no
 * attestation, and labels a Dockerfile `LABEL` can carry. Pure; the image step calls it once
 * Docker has answered, before anything is created in ECR, and `buildAndPush` before it runs
 * anything.
 */
function checkBuildable(options, capabilities) {
    if (capabilities.buildx)
        return;
    const platforms = options.platforms ?? [];
    const cacheFrom = options.cacheFrom ?? [];
    const cacheTo = options.cacheTo ?? [];
    const provenance = options.provenance ?? '';
    const sbom = options.sbom ?? '';
    if (platforms.length > 1) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`platforms lists ${platforms.length} platforms (${platforms.join(', ')}), which needs docker buildx; this runner only has the classic builder.`, { hint: NO_BUILDX_HINT.replace('the input empty', 'one platform') });
    }
    const cacheExpression = cacheFrom.find((source) => source.includes('='));
    if (cacheExpression !== undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`cache-from "${cacheExpression}" needs docker buildx; the classic builder takes only image references.`, { hint: NO_BUILDX_HINT });
    }
    if (cacheTo.length > 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ('cache-to needs docker buildx; the classic builder cannot export a cache.', {
            hint: NO_BUILDX_HINT
        });
    }
    // The classic builder makes no attestations, so only a request for one is a problem.
    for (const [input, value] of [
        ['provenance', provenance],
        ['sbom', sbom]
    ]) {
        if (value !== '' && value !== 'false') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`${input} "${value}" needs docker buildx; the classic builder makes no attestations.`, { hint: NO_BUILDX_HINT });
        }
    }
    labelInstruction(options);
}
/**
 * The argv (after `docker`) that builds the image: `buildx build --push` when buildx is present,
 * tags and labels included. Else the classic `build` of the image without tags or labels, its id
 * written to `imageIdFile`; `labelArgs` and `labelInstruction` then label and tag it in one step,
 * and `pushArgs` pushes. Pure, and it checks nothing: `buildAndPush` refuses an empty tag list
 * and, through `checkBuildable`, a setting the classic builder cannot honour before it runs this.
 */
function buildArgs(options, capabilities) {
    const { buildx } = capabilities;
    const platforms = options.platforms ?? [];
    const cacheFrom = options.cacheFrom ?? [];
    const cacheTo = options.cacheTo ?? [];
    const provenance = options.provenance ?? '';
    const sbom = options.sbom ?? '';
    // --force-rm: the classic builder otherwise leaves a failed step's container behind, which
    // piles up on self-hosted runners.
    const args = buildx ? ['buildx', 'build', '--push'] : ['build', '--force-rm'];
    if (buildx && options.metadataFile)
        args.push('--metadata-file', options.metadataFile);
    if (!buildx && options.imageIdFile)
        args.push('--iidfile', options.imageIdFile);
    if (options.dockerfile)
        args.push('--file', options.dockerfile);
    if (buildx)
        for (const tag of options.tags)
            args.push('--tag', tag);
    if (options.target)
        args.push('--target', options.target);
    if (options.network)
        args.push('--network', options.network);
    if (platforms.length > 0)
        args.push('--platform', platforms.join(','));
    for (const source of cacheFrom)
        args.push('--cache-from', source);
    if (buildx) {
        for (const destination of cacheTo)
            args.push('--cache-to', destination);
        if (provenance !== '')
            args.push(`--provenance=${provenance}`);
        if (sbom !== '')
            args.push(`--sbom=${sbom}`);
    }
    for (const [key, value] of Object.entries(options.buildArgs ?? {})) {
        args.push('--build-arg', `${key}=${value}`);
    }
    if (buildx) {
        for (const [key, value] of Object.entries(imageLabels(options))) {
            args.push('--label', `${key}=${value}`);
        }
    }
    args.push(options.context);
    return args;
}
/**
 * The argv (after `docker`) of the classic builder's label step: a build with no context whose
 * Dockerfile comes from stdin (`FROM <image id>` and `labelInstruction`), tagging the result.
 */
function labelArgs(options) {
    const args = ['build', '--force-rm'];
    for (const tag of options.tags)
        args.push('--tag', tag);
    // The same platform as the build, so FROM finds the image it made.
    const platforms = options.platforms ?? [];
    if (platforms.length > 0)
        args.push('--platform', platforms.join(','));
    args.push('-');
    return args;
}
/** The longest line the Dockerfile parser reads. */
const DOCKERFILE_LINE_LIMIT = 65_535;
/**
 * One `LABEL` instruction holding every label, one `"key"="value"` a line, or '' when there is no
 * label. `docker build --label` makes one build step per label, and on the classic builder each
 * step costs a container and a commit; one instruction costs one step. Each word is quoted and `\`,
 * `"` and `$` escaped, so the labels read back exactly. Pure; throws an ActionError naming the
 * `labels` input for a label a Dockerfile cannot carry.
 */
function labelInstruction(options) {
    const lines = Object.entries(imageLabels(options)).map(([key, value]) => {
        const problem = labelProblem(key, value);
        if (problem !== undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`labels: the label ${JSON.stringify(key)} ${problem}, which the classic builder cannot set: it labels the image through a Dockerfile LABEL.`, {
                hint: 'Change that label in the `labels` input, or add docker/setup-buildx-action before this step (buildx sets labels without a Dockerfile).'
            });
        }
        return `${dockerfileWord(key)}=${dockerfileWord(value)}`;
    });
    if (lines.length === 0)
        return '';
    return `LABEL ${lines.join(' \\\n      ')}\n`;
}
function labelProblem(key, value) {
    if (key.includes('='))
        return 'has "=" in its name';
    for (const [what, text] of [
        ['name', key],
        ['value', value]
    ]) {
        if (/[\n\0]/.test(text))
            return `has a ${text.includes('\0') ? 'NUL' : 'line break'} in its ${what}`;
        // In a u-flag pattern a surrogate pair is one code point: only a lone surrogate matches.
        if (/[\uD800-\uDFFF]/u.test(text))
            return `has a lone UTF-16 surrogate in its ${what}`;
    }
    const line = `      ${dockerfileWord(key)}=${dockerfileWord(value)} \\`;
    if (Buffer.byteLength(line) > DOCKERFILE_LINE_LIMIT) {
        return `is longer than a Dockerfile line may be (${DOCKERFILE_LINE_LIMIT} bytes)`;
    }
    return undefined;
}
/** A double-quoted Dockerfile word: inside quotes only `\`, `"` and `$` are special. */
function dockerfileWord(text) {
    return `"${text.replace(/[\\"$]/g, (character) => `\\${character}`)}"`;
}
/** The argv (after `docker`) that pushes one reference built by the classic builder. */
function pushArgs(reference) {
    return ['push', reference];
}
/** The OCI source labels, overridden by the user's labels of the same name. */
function imageLabels(options) {
    const labels = {};
    const source = options.source ?? {};
    for (const field of Object.keys(OCI_LABELS)) {
        const value = source[field];
        if (value)
            labels[OCI_LABELS[field]] = value;
    }
    return { ...labels, ...options.labels };
}
/**
 * Checks that `docker` is on PATH and that a daemon answers, and whether buildx is installed.
 * Throws an ActionError saying what to fix.
 */
async function detectDocker(options = {}) {
    const env = options.env ?? process.env;
    const timeoutMs = options.timeoutMs ?? 30_000;
    const docker = findExecutable('docker', env.PATH ?? '');
    if (docker === undefined)
        throw dockerNotFound();
    // Both at once: each is a process start, and the buildx answer is only used if a daemon answers.
    const [version, buildx] = await Promise.all([
        probe(docker, ['version', '--format', '{{.Server.Version}}'], env, timeoutMs),
        probe(docker, ['buildx', 'version'], env, timeoutMs)
    ]);
    const serverVersion = version.stdout.trim();
    if (version.timedOut || version.exitCode !== 0 || serverVersion === '') {
        const where = env.DOCKER_HOST ? `DOCKER_HOST=${env.DOCKER_HOST}` : 'the default Docker socket';
        const why = version.timedOut
            ? `it did not answer within ${Math.round(timeoutMs / 100) / 10}s`
            : lastLines(`${version.stderr}\n${version.stdout}`, 3).join(' ') || 'no version reported';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`No Docker daemon answers at ${where}: ${why}.`, {
            hint: 'Start the Docker service on the runner (GitHub-hosted Linux runners have one), or point DOCKER_HOST at a running daemon; to skip building, set `image` to promote an existing image.'
        });
    }
    return { serverVersion, buildx: !buildx.timedOut && buildx.exitCode === 0 };
}
/**
 * The registry logins of the user's Docker config that a private config can carry: `auths` (what
 * `docker login` and docker/login-action write) and the per-registry `credHelpers`. Not
 * `credsStore`: with it, this step's own login would be written to the user's credential store,
 * outliving the step. An unreadable or malformed file gives no logins (and a debug line).
 */
function inheritedLogins(file) {
    let parsed;
    try {
        parsed = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_4__.readFileSync)(file, 'utf8'));
    }
    catch (error) {
        if (error.code !== 'ENOENT') {
            _core_js__WEBPACK_IMPORTED_MODULE_0__.debug(`Not using the logins of ${file}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .errorMessage */ .gJ)(error)}`);
        }
        return { auths: {} };
    }
    const record = (value) => value !== null && typeof value === 'object' && !Array.isArray(value)
        ? value
        : {};
    const user = record(parsed);
    const credHelpers = Object.fromEntries(Object.entries(record(user.credHelpers)).filter((entry) => typeof entry[1] === 'string'));
    return {
        auths: { ...record(user.auths) },
        ...(Object.keys(credHelpers).length > 0 ? { credHelpers } : {})
    };
}
function dockerNotFound() {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ('`docker` is not on PATH, so the image cannot be built or pushed.', {
        hint: 'Run the job on a runner with Docker (e.g. ubuntu-latest) or install it in an earlier step; to skip building, set `image` to promote an existing image.'
    });
}
function findExecutable(name, searchPath) {
    for (const directory of searchPath.split((node_path__WEBPACK_IMPORTED_MODULE_7___default().delimiter))) {
        if (directory === '')
            continue;
        const candidate = node_path__WEBPACK_IMPORTED_MODULE_7___default().join(directory, name);
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_4__.accessSync)(candidate, node_fs__WEBPACK_IMPORTED_MODULE_4__.constants.X_OK);
            if ((0,node_fs__WEBPACK_IMPORTED_MODULE_4__.statSync)(candidate).isFile())
                return candidate;
        }
        catch {
            // Not in this directory; keep looking.
        }
    }
    return undefined;
}
/**
 * Runs a quick read-only docker command with a deadline. Not @actions/exec: it cannot time out,
 * and a daemon socket that accepts but never answers would hang the job.
 */
function probe(docker, args, env, timeoutMs) {
    return new Promise((resolve) => {
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_2__.execFile)(docker, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
            const failure = error;
            resolve({
                exitCode: failure === null ? 0 : typeof failure.code === 'number' ? failure.code : 1,
                stdout,
                stderr: failure !== null && stderr === '' ? failure.message : stderr,
                timedOut: failure?.killed === true
            });
        });
    });
}
/**
 * Creates the private Docker config directory. It is removed by `dispose()`, and in any case when
 * the process exits.
 */
async function createDockerSession(runnerTemp, options = {}) {
    const baseEnv = options.env ?? process.env;
    const retry = { ...DEFAULT_RETRY, ...options.retry };
    const parent = runnerTemp || node_os__WEBPACK_IMPORTED_MODULE_6___default().tmpdir();
    const configDir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_5__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_7___default().join(parent, 'gitops-image-bump-docker-')).catch((error) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`Cannot create a private Docker config under ${parent}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .errorMessage */ .gJ)(error)}.`, {
            hint: 'RUNNER_TEMP must be a writable directory; the runner sets it.',
            cause: error
        });
    });
    // The user's own docker config is read, never written: its plugins, its buildx builders, and
    // the logins the job made before this step (docker/login-action for a base image's registry).
    const userConfig = baseEnv.DOCKER_CONFIG || node_path__WEBPACK_IMPORTED_MODULE_7___default().join(baseEnv.HOME || node_os__WEBPACK_IMPORTED_MODULE_6___default().homedir(), '.docker');
    const userPlugins = node_path__WEBPACK_IMPORTED_MODULE_7___default().join(userConfig, 'cli-plugins');
    const config = { ...inheritedLogins(node_path__WEBPACK_IMPORTED_MODULE_7___default().join(userConfig, 'config.json')) };
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_4__.existsSync)(userPlugins))
        config.cliPluginsExtraDirs = [userPlugins];
    const configFile = node_path__WEBPACK_IMPORTED_MODULE_7___default().join(configDir, 'config.json');
    const writeConfig = () => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_5__.writeFile)(configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    await writeConfig();
    const env = {};
    for (const [key, value] of Object.entries(baseEnv))
        if (value !== undefined)
            env[key] = value;
    env.DOCKER_CONFIG = configDir;
    // buildx keeps its builders next to the config; keep the one docker/setup-buildx-action chose.
    if (!env.BUILDX_CONFIG && (0,node_fs__WEBPACK_IMPORTED_MODULE_4__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_7___default().join(userConfig, 'buildx'))) {
        env.BUILDX_CONFIG = node_path__WEBPACK_IMPORTED_MODULE_7___default().join(userConfig, 'buildx');
    }
    const credentials = new Map();
    let disposed = false;
    const disposeSync = () => {
        if (disposed)
            return;
        disposed = true;
        credentials.clear();
        process.removeListener('exit', disposeSync);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_4__.rmSync)(configDir, { recursive: true, force: true });
    };
    const session = {
        configDir,
        env,
        async login(host, username, password) {
            _core_js__WEBPACK_IMPORTED_MODULE_0__.setSecret(password);
            // A helper the user set for this host (amazon-ecr-credential-helper, say) would be asked
            // to store the password, and most cannot: this login goes into the private file.
            // And a config with no login at all lets the docker CLI pick the platform's default store
            // (docker-credential-secretservice or -pass on Linux, when on PATH), which would keep the
            // password after the step: an entry for the host, even empty, keeps it in the file.
            let changed = false;
            if (config.credHelpers?.[host] !== undefined) {
                delete config.credHelpers[host];
                changed = true;
            }
            if (config.auths[host] === undefined) {
                config.auths[host] = {};
                changed = true;
            }
            if (changed)
                await writeConfig();
            const args = [
                '--config',
                configDir,
                'login',
                '--username',
                username,
                '--password-stdin',
                host
            ];
            await withRetry(`docker login ${host}`, retry, async () => {
                const result = await runDocker(args, { env, input: Buffer.from(password), silent: true });
                return { ok: result.exitCode === 0, output: result.lines };
            }).catch((error) => {
                if (!(error instanceof CommandFailure))
                    throw error;
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`docker login to ${host} failed${attemptsText(error.attempts)}:\n${tail(error.output)}`, {
                    hint: 'Check that the registry host is reachable from the runner and that the AWS role may call ecr:GetAuthorizationToken.'
                });
            });
            credentials.set(host, { username, password });
            _core_js__WEBPACK_IMPORTED_MODULE_0__.info(`Logged in to ${host} with a private Docker config (${configDir}).`);
        },
        credentialsFor: (host) => credentials.get(host),
        dispose: () => Promise.resolve(disposeSync()),
        disposeSync
    };
    process.once('exit', disposeSync);
    return session;
}
/** A command that failed for good, with its output. */
class CommandFailure extends Error {
    output;
    attempts;
    constructor(output, attempts) {
        super('command failed');
        this.output = output;
        this.attempts = attempts;
    }
}
function attemptsText(attempts) {
    return attempts > 1 ? ` after ${attempts} attempts` : '';
}
/**
 * Runs `attempt` until it succeeds, retrying with doubling delays while its output looks
 * transient. Throws CommandFailure with the last output.
 */
async function withRetry(what, retry, attempt, isTransient = isTransientRegistryFailure) {
    for (let number = 1;; number++) {
        const result = await attempt();
        if (result.ok)
            return result.output;
        if (number >= retry.attempts || !isTransient(result.output.join('\n'))) {
            throw new CommandFailure(result.output, number);
        }
        const delay = retry.baseDelayMs * 2 ** (number - 1);
        _core_js__WEBPACK_IMPORTED_MODULE_0__.warning(`${what} failed (attempt ${number} of ${retry.attempts}); retrying in ${delay / 1000}s: ${lastLines(result.output.join('\n'), 1).join('')}`);
        await retry.sleep(delay);
    }
}
const PERMANENT_FAILURE = /denied|unauthorized|authentication required|no basic auth credentials|name unknown|manifest invalid|tag invalid|immutable|already exists|not found|no such host/i;
const TRANSIENT_FAILURE = /connection reset|connection refused|broken pipe|i\/o timeout|timeout|timed out|tls handshake|unexpected eof|\beof\b|50[0234]\b|internal server error|bad gateway|service unavailable|gateway timeout|toomanyrequests|too many requests|\b429\b|temporar/i;
/** Whether a registry command's output describes a failure worth retrying. */
function isTransientRegistryFailure(output) {
    return !PERMANENT_FAILURE.test(output) && TRANSIENT_FAILURE.test(output);
}
/**
 * Whether a failed `buildx build --push` failed while pushing, for a transient reason. A build
 * step that fails is never retried, even when its own output mentions a timeout.
 */
function isTransientBuildxPushFailure(output) {
    const ending = lastLines(output, 10).join('\n');
    return /failed to push|error pushing|failed to copy|failed commit on ref/i.test(ending)
        ? isTransientRegistryFailure(ending)
        : false;
}
/** Runs docker through @actions/exec, keeping the tail of its output for error messages. */
async function runDocker(args, options) {
    const lines = [];
    const partial = { stdout: '', stderr: '' };
    const collect = (stream) => (data) => {
        const parts = (partial[stream] + data.toString('utf8')).split(/\r?\n/);
        partial[stream] = parts.pop() ?? '';
        lines.push(...parts);
        if (lines.length > 200)
            lines.splice(0, lines.length - 200);
    };
    let exitCode;
    try {
        exitCode = await _actions_exec__WEBPACK_IMPORTED_MODULE_1__.exec('docker', args, {
            env: { ...options.env },
            input: options.input,
            silent: options.silent,
            ignoreReturnCode: true,
            listeners: { stdout: collect('stdout'), stderr: collect('stderr') }
        });
    }
    catch (error) {
        if (/Unable to locate executable file/.test((0,_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .errorMessage */ .gJ)(error)))
            throw dockerNotFound();
        throw error;
    }
    for (const rest of [partial.stdout, partial.stderr])
        if (rest !== '')
            lines.push(rest);
    return { exitCode, lines };
}
function lastLines(text, count) {
    return text
        .split(/\r?\n/)
        .map((line) => line.trimEnd())
        .filter((line) => line !== '')
        .slice(-count);
}
function tail(lines) {
    return lastLines(lines.join('\n'), TAIL_LINES)
        .map((line) => `  ${line}`)
        .join('\n');
}
/**
 * Builds and pushes `<repositoryUri>:<tag>` and reads its digest back from the registry. Whether
 * the tag already exists (and is reused, `reusedImage`) is the caller's question.
 */
async function publishImage(options) {
    const image = `${options.repositoryUri}:${options.tag}`;
    const { digest } = await buildAndPush({ ...options, build: { ...options.build, tags: [image] } });
    return { image, digest, built: true };
}
/** The image already behind its tag, reused as it is: nothing is built or pushed. */
function reusedImage(image, digest) {
    _core_js__WEBPACK_IMPORTED_MODULE_0__.info(`${image} already exists (${digest}); reusing it instead of building again (a re-run, or a tag pushed before).`);
    return { image, digest, built: false };
}
/**
 * Builds the image, pushes every reference, and returns the digest of the first one as the
 * registry reports it (never only what docker printed). An empty tag list, or a setting this
 * builder cannot honour (`checkBuildable`), is refused before anything runs.
 */
async function buildAndPush(options) {
    const { session } = options;
    const retry = { ...DEFAULT_RETRY, ...options.retry };
    const capabilities = options.capabilities ?? (await detectDocker({ env: session.env }));
    const reference = options.build.tags[0];
    if (reference === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ('There is no image reference to build: the tag list is empty.');
    }
    checkBuildable(options.build, capabilities);
    let reported;
    if (capabilities.buildx) {
        const metadataFile = node_path__WEBPACK_IMPORTED_MODULE_7___default().join(session.configDir, 'build-metadata.json');
        const args = buildArgs({ ...options.build, metadataFile }, capabilities);
        await withRetry('docker buildx build --push', retry, async () => {
            const result = await runDocker(args, { env: session.env });
            return { ok: result.exitCode === 0, output: result.lines };
        }, isTransientBuildxPushFailure).catch((error) => {
            throw buildFailure('docker buildx build', error);
        });
        reported = await readMetadataDigest(metadataFile);
    }
    else {
        const imageIdFile = node_path__WEBPACK_IMPORTED_MODULE_7___default().join(session.configDir, 'image-id');
        const args = buildArgs({ ...options.build, imageIdFile }, capabilities);
        const labels = labelInstruction(options.build);
        // Without buildx, DOCKER_BUILDKIT=1 in the job would make `docker build` refuse to run.
        const env = { ...session.env, DOCKER_BUILDKIT: '0' };
        const result = await runDocker(args, { env });
        if (result.exitCode !== 0)
            throw buildFailure('docker build', new CommandFailure(result.lines, 1));
        const dockerfile = `FROM ${await readImageId(imageIdFile)}\n${labels}`;
        const labelled = await runDocker(labelArgs(options.build), {
            env,
            input: Buffer.from(dockerfile)
        });
        if (labelled.exitCode !== 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`docker build of the label step failed. The last lines of its output:\n${tail(labelled.lines)}`, {
                hint: 'The image built; labelling it failed. Check the `labels` input and the Docker daemon (the full output is in the log above).'
            });
        }
        for (const tag of options.build.tags) {
            const output = await withRetry(`docker push ${tag}`, retry, async () => {
                const push = await runDocker(pushArgs(tag), { env: session.env });
                return { ok: push.exitCode === 0, output: push.lines };
            }).catch((error) => {
                throw pushFailure(tag, error);
            });
            if (tag === reference)
                reported = /digest: (sha256:[0-9a-f]{64})/.exec(output.join('\n'))?.[1];
        }
    }
    const { host, repository, tag } = splitReference(reference);
    const digest = await readManifestDigest({
        host,
        repository,
        reference: tag,
        credentials: session.credentialsFor(host)
    });
    if (digest === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`${reference} was pushed, but the registry does not list it.`, {
            hint: 'Re-run the job; if it persists, check the registry for a lifecycle rule that removes new images.'
        });
    }
    if (reported !== undefined && reported !== digest) {
        _core_js__WEBPACK_IMPORTED_MODULE_0__.warning(`docker reported ${reported} for ${reference}, but the registry holds ${digest}; using the registry's.`);
    }
    _core_js__WEBPACK_IMPORTED_MODULE_0__.info(`Pushed ${reference} (${digest}).`);
    return { digest };
}
function buildFailure(command, error) {
    if (!(error instanceof CommandFailure))
        return error;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`${command} failed${attemptsText(error.attempts)}. The last lines of its output:\n${tail(error.output)}`, { hint: 'Fix the Dockerfile or the build context (the full output is in the log above).' });
}
function pushFailure(reference, error) {
    if (!(error instanceof CommandFailure))
        return error;
    const output = error.output.join('\n');
    const hint = /immutable|already exists/i.test(output)
        ? 'The tag already exists in an immutable repository; a re-run reuses it, or choose another `tag`.'
        : /denied|unauthorized|authentication required|no basic auth credentials/i.test(output)
            ? 'The registry refused the push: the AWS role needs ecr:BatchCheckLayerAvailability, ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload and ecr:PutImage on the repository.'
            : 'The registry kept failing; re-run the job. Nothing was bumped in the GitOps repository.';
    return new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`docker push ${reference} failed${attemptsText(error.attempts)}:\n${tail(error.output)}`, { hint });
}
/** The image id `docker build --iidfile` wrote. */
async function readImageId(file) {
    const hint = 'Re-run the job; if it persists, report the Docker version in use.';
    let id;
    try {
        id = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_5__.readFile)(file, 'utf8')).trim();
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`docker build succeeded but wrote no image id to ${file}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .errorMessage */ .gJ)(error)}.`, { hint, cause: error });
    }
    if (!/^sha256:[0-9a-f]{64}$/.test(id)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`docker build wrote "${id.slice(0, 80)}" to ${file}, which is not an image id.`, { hint });
    }
    return id;
}
async function readMetadataDigest(file) {
    try {
        const metadata = JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_5__.readFile)(file, 'utf8'));
        const digest = metadata['containerimage.digest'];
        return typeof digest === 'string' ? digest : undefined;
    }
    catch (error) {
        _core_js__WEBPACK_IMPORTED_MODULE_0__.debug(`No build metadata in ${file}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .errorMessage */ .gJ)(error)}`);
        return undefined;
    }
}
/** Splits `host[:port]/repository[:tag]`; the tag defaults to `latest`. */
function splitReference(reference) {
    const parts = (0,_image_reference_js__WEBPACK_IMPORTED_MODULE_10__/* .parseImageReference */ .o_)(reference);
    const slash = parts?.name.indexOf('/') ?? -1;
    if (!parts || slash < 0 || parts.digest) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`"${reference}" is not a full image reference (<registry>/<repository>:<tag>).`);
    }
    return {
        host: parts.name.slice(0, slash),
        repository: parts.name.slice(slash + 1),
        tag: parts.tag ?? 'latest'
    };
}
/** http for a registry on this machine (Docker allows that without TLS), https otherwise. */
function defaultRegistryScheme(host) {
    const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name)
        ? 'http'
        : 'https';
}
const MANIFEST_TYPES = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json'
].join(', ');
/**
 * The digest of `repository:reference` from the registry HTTP API v2 (`Docker-Content-Digest`),
 * or undefined when the registry has no such manifest. Answers Basic and Bearer challenges.
 */
async function readManifestDigest(request) {
    const scheme = request.scheme ?? defaultRegistryScheme(request.host);
    const url = `${scheme}://${request.host}/v2/${request.repository}/manifests/${request.reference}`;
    const what = `${request.host}/${request.repository}:${request.reference}`;
    const call = async (method, authorization) => {
        try {
            return await (0,_node_fetch_js__WEBPACK_IMPORTED_MODULE_8__/* .nodeFetch */ .v)(url, {
                method,
                headers: { accept: MANIFEST_TYPES, ...(authorization ? { authorization } : {}) }
            });
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`Cannot reach the registry at ${scheme}://${request.host}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .errorMessage */ .gJ)(error)}.`, {
                hint: 'Check that the registry host is reachable from the runner.',
                cause: error
            });
        }
    };
    let authorization;
    let response = await call('HEAD');
    if (response.status === 401) {
        authorization = await answerChallenge(response.headers.get('www-authenticate'), request);
        response = await call('HEAD', authorization);
    }
    if (response.status === 404)
        return undefined;
    const refuseUnlessOk = (answer) => {
        if (answer.ok)
            return;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`The registry answered HTTP ${answer.status} when asked for ${what}.`, {
            hint: answer.status === 401 || answer.status === 403
                ? 'The registry login may not read this repository; the AWS role needs ecr:BatchGetImage on it.'
                : 'Re-run the job; the registry may be briefly unavailable.'
        });
    };
    refuseUnlessOk(response);
    const digest = response.headers.get('docker-content-digest');
    if (digest)
        return digest;
    // Some registries leave the header out: the digest is the hash of the manifest bytes (of a
    // manifest, not of an error page: the GET's status is checked too).
    const manifest = await call('GET', authorization);
    refuseUnlessOk(manifest);
    return `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_3__.createHash)('sha256')
        .update(Buffer.from(await manifest.arrayBuffer()))
        .digest('hex')}`;
}
async function answerChallenge(challenge, request) {
    const { credentials } = request;
    const basic = credentials
        ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
        : undefined;
    const scheme = (challenge ?? '').split(' ')[0]?.toLowerCase();
    if (scheme === 'bearer') {
        const parameters = Object.fromEntries([...(challenge ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
        if (!parameters.realm) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`The registry ${request.host} asked for a token without saying where to get it.`);
        }
        const tokenUrl = new URL(parameters.realm);
        if (parameters.service)
            tokenUrl.searchParams.set('service', parameters.service);
        tokenUrl.searchParams.set('scope', parameters.scope ?? `repository:${request.repository}:pull`);
        const response = await (0,_node_fetch_js__WEBPACK_IMPORTED_MODULE_8__/* .nodeFetch */ .v)(tokenUrl.href, {
            headers: basic ? { authorization: basic } : {}
        });
        const body = (await response.json().catch(() => ({})));
        const token = body.token ?? body.access_token;
        if (!response.ok || !token) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`The registry ${request.host} refused a token to read ${request.repository} (HTTP ${response.status}).`, {
                hint: 'The registry login may not read this repository; the AWS role needs ecr:BatchGetImage on it.'
            });
        }
        return `Bearer ${token}`;
    }
    if (basic === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ActionError */ .lZ(`The registry ${request.host} needs a login to read ${request.repository}.`, {
            hint: 'Log in to the registry before reading the digest.'
        });
    }
    return basic;
}


/***/ }),

/***/ 4350:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ nodeFetch)
/* harmony export */ });
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_2__);
/**
 * The part of `fetch` this action's HTTP clients use, on `node:http`/`node:https`: Octokit's
 * requests to GitHub (src/github-http.ts) and the digest read-back from the registry
 * (src/docker.ts).
 *
 * Why not Node's own `fetch`: its first use loads Node's internal undici, about 50 ms before the
 * first request (BENCHMARKS.md §2), for nothing these clients need: they send string bodies and
 * read whole answers.
 */



/** The fetch spec's limit. */
const MAX_REDIRECTS = 20;
/**
 * The part of `fetch` Octokit uses, on `node:http`/`node:https` (keep-alive through Node's global
 * agents): string or byte bodies, redirects followed as `fetch` follows them, the answer read
 * whole. No `Accept-Encoding` is sent, so answers come uncompressed. Failures reject with a
 * `TypeError` whose `cause` is the socket's error, and an abort with the signal's reason, as
 * `fetch` does; Octokit turns both into a 500 without a response.
 */
async function nodeFetch(url, init = {}) {
    let target = new URL(url);
    let method = (init.method ?? 'GET').toUpperCase();
    let body = requestBody(init.body);
    const headers = new Map();
    for (const [name, value] of headerEntries(init.headers))
        headers.set(name.toLowerCase(), value);
    for (let redirects = 0;; redirects++) {
        const answer = await send(target, method, headers, body, init.signal ?? undefined);
        const location = answer.headers.get('location');
        if (init.redirect === 'manual' ||
            ![301, 302, 303, 307, 308].includes(answer.status) ||
            location === null) {
            return answer;
        }
        if (init.redirect === 'error')
            throw new TypeError('fetch failed: a redirect was refused');
        if (redirects >= MAX_REDIRECTS)
            throw new TypeError('fetch failed: too many redirects');
        const next = new URL(location, target);
        // As fetch: 303, and 301/302 after a POST, become a GET without a body.
        if (answer.status === 303 ||
            ((answer.status === 301 || answer.status === 302) && method === 'POST')) {
            if (method !== 'HEAD')
                method = 'GET';
            body = undefined;
            headers.delete('content-type');
            headers.delete('content-length');
        }
        // As fetch: credentials do not follow a redirect to another origin.
        if (next.origin !== target.origin)
            headers.delete('authorization');
        target = next;
    }
}
/** Header pairs of a plain object, a list of pairs or a `Headers`, without touching the global
 * `Headers` (which would load Node's undici). */
function headerEntries(headers) {
    if (headers === undefined || headers === null)
        return [];
    if (Array.isArray(headers))
        return headers.map(([name, value]) => [String(name), String(value)]);
    if (typeof headers.entries === 'function')
        return [...headers.entries()];
    return Object.entries(headers).map(([name, value]) => [
        name,
        String(value)
    ]);
}
function requestBody(body) {
    if (body === undefined || body === null)
        return undefined;
    if (typeof body === 'string')
        return node_buffer__WEBPACK_IMPORTED_MODULE_0__.Buffer.from(body, 'utf8');
    if (body instanceof Uint8Array)
        return node_buffer__WEBPACK_IMPORTED_MODULE_0__.Buffer.from(body);
    if (body instanceof ArrayBuffer)
        return node_buffer__WEBPACK_IMPORTED_MODULE_0__.Buffer.from(body);
    throw new TypeError('fetch failed: only string and byte bodies are supported');
}
function send(target, method, headers, body, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted) {
            reject(abortReason(signal));
            return;
        }
        const requestHeaders = Object.fromEntries(headers);
        if (body !== undefined)
            requestHeaders['content-length'] = String(body.length);
        const request = (target.protocol === 'https:' ? node_https__WEBPACK_IMPORTED_MODULE_2__.request : node_http__WEBPACK_IMPORTED_MODULE_1__.request)(target, {
            method,
            headers: requestHeaders
        });
        const onAbort = () => request.destroy(abortReason(signal));
        signal?.addEventListener('abort', onAbort, { once: true });
        const settle = () => signal?.removeEventListener('abort', onAbort);
        const fail = (error) => {
            settle();
            reject(signal?.aborted
                ? abortReason(signal)
                : Object.assign(new TypeError('fetch failed'), { cause: error }));
        };
        request.on('error', fail);
        request.on('response', (response) => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('error', fail);
            response.on('aborted', () => fail(new Error('the connection closed before the answer ended')));
            response.on('end', () => {
                settle();
                resolve(answerOf(target, response, node_buffer__WEBPACK_IMPORTED_MODULE_0__.Buffer.concat(chunks)));
            });
        });
        request.end(body);
    });
}
function abortReason(signal) {
    const reason = signal.reason;
    // Not `instanceof Error`: a DOMException from another realm (a VM context) is not one.
    return typeof reason === 'object' && reason !== null && 'name' in reason
        ? reason
        : new DOMException('This operation was aborted', 'AbortError');
}
/** A `Response`-shaped answer: what Octokit reads of one. */
function answerOf(target, response, bytes) {
    const headers = new Map();
    for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined)
            headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const status = response.statusCode ?? 0;
    const answer = {
        status,
        statusText: response.statusMessage ?? '',
        ok: status >= 200 && status < 300,
        url: target.href,
        redirected: false,
        headers: {
            get: (name) => headers.get(name.toLowerCase()) ?? null,
            has: (name) => headers.has(name.toLowerCase()),
            entries: () => headers.entries(),
            [Symbol.iterator]: () => headers.entries()
        },
        text: () => Promise.resolve(bytes.toString('utf8')),
        // A promise that rejects on bad JSON, as fetch's does, rather than a synchronous throw.
        json: () => new Promise((resolve) => resolve(JSON.parse(bytes.toString('utf8')))),
        arrayBuffer: () => Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
    };
    return answer;
}


/***/ })

};

//# sourceMappingURL=871.index.js.map