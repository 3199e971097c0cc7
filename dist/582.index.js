export const id = 582;
export const ids = [582];
export const modules = {

/***/ 4582:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   COMPARE_FILE_CAP: () => (/* binding */ COMPARE_FILE_CAP),
/* harmony export */   SKIPPABLE_EVENTS: () => (/* binding */ SKIPPABLE_EVENTS),
/* harmony export */   createGitRunner: () => (/* binding */ createGitRunner),
/* harmony export */   decideSkip: () => (/* binding */ decideSkip),
/* harmony export */   evaluateSkip: () => (/* binding */ evaluateSkip),
/* harmony export */   listChangedFiles: () => (/* binding */ listChangedFiles),
/* harmony export */   parseNameStatus: () => (/* binding */ parseNameStatus),
/* harmony export */   planComparison: () => (/* binding */ planComparison)
/* harmony export */ });
/* harmony import */ var _core_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(828);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _path_patterns_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2390);
/**
 * Should this run build at all? The changed files of the triggering push or pull request
 * (compare API, else local git) and the pure skip decision on them.
 *
 * A skip must be proven. Whenever the changed files cannot be listed completely — the
 * compare cap of 300 files, a 404 after a force push, a deleted branch, a shallow clone,
 * an API error without local history — the answer is "unknown", the reason is logged, and
 * the run builds.
 */



/** The only events whose runs may be skipped; every other event builds. */
const SKIPPABLE_EVENTS = ['push', 'pull_request', 'pull_request_target'];
/** GitHub's compare API lists at most this many files; a list this long may be cut. */
const COMPARE_FILE_CAP = 300;
/** How many file names a skip reason spells out before "and N more". */
const NAMES_IN_REASON = 5;
const ZERO_SHA = /^0{40}$/;
/**
 * Whether the run may be skipped, as a pure function of its event and changed files.
 *
 * - Only `push`, `pull_request` and `pull_request_target` events of branches can skip; so
 *   `force`, `workflow_dispatch`, `schedule`, `release` and tag pushes always build.
 * - Unknown changed files build.
 * - No changed files at all build: nothing shows the change is docs-only, and an empty
 *   commit is how people ask for a rebuild. (GitHub's own `paths` filters skip it instead.)
 * - A file is relevant when it matches `paths` (or `paths` is empty) and does not match
 *   `paths-ignore`. A renamed file is relevant when either of its names is. The run skips
 *   when no changed file is relevant: with only `paths-ignore`, when every file is ignored;
 *   with only `paths`, when none matches. GitHub refuses both filters on one event; here
 *   both apply (a file must match `paths` and not `paths-ignore`), so the default
 *   `paths-ignore` keeps docs out when `paths` is set.
 *
 * Throws an ActionError naming the input when a pattern is invalid.
 */
function decideSkip(input) {
    const settled = settledWithoutFiles(input);
    if (settled)
        return settled;
    const { paths, pathsIgnore } = input;
    const inPaths = paths.length > 0 ? (0,_path_patterns_js__WEBPACK_IMPORTED_MODULE_2__/* .compilePatternList */ ._K)('paths', paths) : () => true;
    const ignored = pathsIgnore.length > 0 ? (0,_path_patterns_js__WEBPACK_IMPORTED_MODULE_2__/* .compilePatternList */ ._K)('paths-ignore', pathsIgnore) : null;
    const { changedFiles } = input;
    if (!changedFiles.known) {
        return build(`the changed files are unknown (${changedFiles.reason}); a skip must be proven`);
    }
    const files = changedFiles.files;
    if (files.length === 0) {
        return build('no file changed (an empty commit?); a skip needs changed files to judge');
    }
    const names = (file) => file.previousFilename !== undefined && file.previousFilename !== file.filename
        ? [file.previousFilename, file.filename]
        : [file.filename];
    const count = plural(files.length, 'changed file');
    const matchingPaths = files.filter((file) => names(file).some(inPaths));
    const relevant = matchingPaths.filter((file) => ignored === null || names(file).some((name) => inPaths(name) && !ignored(name)));
    if (relevant.length > 0) {
        const one = relevant.length === 1;
        const what = ignored === null
            ? `${one ? 'matches' : 'match'} paths`
            : paths.length === 0
                ? `${one ? 'does' : 'do'} not match paths-ignore`
                : `${one ? 'matches' : 'match'} paths and not paths-ignore`;
        return build(`${relevant.length} of ${count} ${what}: ${listNames(relevant)}`);
    }
    const only = files.length === 1;
    if (paths.length > 0 && matchingPaths.length === 0) {
        return skip(only
            ? `the only changed file does not match paths: ${listNames(files)}`
            : `none of the ${count} match paths: ${listNames(files)}`);
    }
    if (paths.length > 0) {
        return skip(`every changed file that matches paths also matches paths-ignore (${matchingPaths.length} of ${count}): ${listNames(matchingPaths)}`);
    }
    return skip(only
        ? `the only changed file matches paths-ignore: ${listNames(files)}`
        : `all ${count} match paths-ignore: ${listNames(files)}`);
}
function build(reason) {
    return { skip: false, reason };
}
function skip(reason) {
    return { skip: true, reason };
}
function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
/** "a, b → c, d and 3 more": the first few names, renames shown old → new. */
function listNames(files) {
    const shown = files
        .slice(0, NAMES_IN_REASON)
        .map((file) => file.previousFilename !== undefined && file.previousFilename !== file.filename
        ? `${file.previousFilename} → ${file.filename}`
        : file.filename);
    const rest = files.length - shown.length;
    return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}
/**
 * `git` in `cwd` through `@actions/exec`: silent, and a failing git is a result, not a throw.
 * `@actions/exec` is loaded at the first git command: most runs never run one.
 */
function createGitRunner(cwd) {
    return async (args) => (await __webpack_require__.e(/* import() */ 260).then(__webpack_require__.bind(__webpack_require__, 1260))).getExecOutput('git', [...args], {
        cwd,
        silent: true,
        ignoreReturnCode: true,
        env: { ...processEnv(), GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' }
    });
}
function processEnv() {
    const env = {};
    for (const [key, value] of Object.entries(process.env)) {
        if (value !== undefined)
            env[key] = value;
    }
    return env;
}
function planComparison(ctx) {
    const payload = ctx.payload;
    const repository = record(payload.repository);
    const fullName = ctx.repository ||
        text(repository?.full_name) ||
        [text(record(repository?.owner)?.login), text(repository?.name)].join('/');
    const [owner, repo, extra] = fullName.split('/');
    if (!owner || !repo || extra !== undefined) {
        return { known: false, reason: 'the event names no repository' };
    }
    const sha = /^[0-9a-f]{40}$/;
    if (ctx.eventName === 'push') {
        const ref = ctx.ref || text(payload.ref);
        if (ref.startsWith('refs/tags/'))
            return { known: false, reason: `${ref} is a tag push` };
        const after = text(payload.after);
        if (payload.deleted === true || ZERO_SHA.test(after)) {
            return { known: false, reason: `the push deleted ${ref || 'the branch'}` };
        }
        if (!sha.test(after))
            return { known: false, reason: "the push event has no 'after' commit" };
        const before = text(payload.before);
        if (!sha.test(before) || ZERO_SHA.test(before)) {
            const defaultBranch = text(repository?.default_branch);
            if (defaultBranch === '') {
                return {
                    known: false,
                    reason: "a new branch's first push, and the event names no default branch to compare with"
                };
            }
            return {
                known: true,
                owner,
                repo,
                base: defaultBranch,
                baseIsBranch: true,
                head: after,
                twoDot: false
            };
        }
        return {
            known: true,
            owner,
            repo,
            base: before,
            baseIsBranch: false,
            head: after,
            twoDot: true
        };
    }
    if (ctx.eventName === 'pull_request' || ctx.eventName === 'pull_request_target') {
        const pullRequest = record(payload.pull_request);
        const base = text(record(pullRequest?.base)?.sha);
        const head = text(record(pullRequest?.head)?.sha);
        if (!sha.test(base) || !sha.test(head)) {
            return { known: false, reason: 'the pull_request event has no base and head commits' };
        }
        return { known: true, owner, repo, base, baseIsBranch: false, head, twoDot: false };
    }
    return { known: false, reason: `${ctx.eventName || 'this'} events have no changed files` };
}
/**
 * The files changed by the triggering push or pull request: from the compare API with the
 * app repository's token, else from local git when both commits are in the clone. Never
 * throws for GitHub or git trouble: it answers "unknown", and logs why.
 */
async function listChangedFiles(ctx, deps) {
    const log = deps.log ?? _core_js__WEBPACK_IMPORTED_MODULE_0__;
    const unknown = (reason) => {
        log.info(`Changed files unknown: ${reason}.`);
        return { known: false, reason };
    };
    const plan = planComparison(ctx);
    if (!plan.known)
        return unknown(plan.reason);
    const range = `${short(plan.base)}...${short(plan.head)}`;
    let apiTrouble = 'no github-token to ask the compare API';
    if (deps.octokit !== undefined) {
        const viaApi = await compareWithApi(await deps.octokit(), plan);
        if (viaApi.kind === 'files') {
            log.info(`${plural(viaApi.files.length, 'changed file')} in ${range} (compare API).`);
            return { known: true, files: viaApi.files };
        }
        if (viaApi.kind === 'unknown')
            return unknown(viaApi.reason);
        apiTrouble = viaApi.reason;
        log.warning(`The compare API could not list the changed files: ${apiTrouble}; trying local git.`);
    }
    if (deps.git === undefined)
        return unknown(apiTrouble);
    const viaGit = await diffWithGit(deps.git, plan);
    if (viaGit.kind === 'files') {
        log.info(`${plural(viaGit.files.length, 'changed file')} in ${range} (local git).`);
        return { known: true, files: viaGit.files };
    }
    return unknown(`${apiTrouble}, and ${viaGit.reason}`);
}
async function compareWithApi(octokit, plan) {
    const basehead = `${plan.base}...${plan.head}`;
    let data;
    try {
        const response = await octokit.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
            owner: plan.owner,
            repo: plan.repo,
            basehead
        });
        data = response.data;
    }
    catch (error) {
        const status = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .httpStatus */ .nG)(error);
        if (status === 404) {
            return {
                kind: 'unknown',
                reason: `GitHub cannot compare ${short(plan.base)}...${short(plan.head)} (404: ${apiMessage(error)}): a force push without a common ancestor, a commit that is gone, or a token that cannot see ${plan.owner}/${plan.repo}`
            };
        }
        return {
            kind: 'failed',
            reason: `${status === undefined ? '' : `HTTP ${status}: `}${apiMessage(error)}`
        };
    }
    if (data.files === undefined) {
        return { kind: 'failed', reason: 'GitHub returned the comparison without its file list' };
    }
    if (data.files.length >= COMPARE_FILE_CAP) {
        return {
            kind: 'unknown',
            reason: `the compare API lists ${data.files.length} files, its cap, so more may have changed`
        };
    }
    if (plan.twoDot && data.status !== 'ahead' && data.status !== 'identical') {
        // The compare API diffs from the merge base; after a force push that hides what the
        // rewritten commits took away, so only an exact local diff can prove anything.
        return {
            kind: 'failed',
            reason: `the push is not a fast-forward (compare status ${data.status}), so a diff from the merge base may hide what changed`
        };
    }
    return {
        kind: 'files',
        files: data.files.map((file) => ({
            filename: file.filename,
            status: file.status,
            ...(file.previous_filename ? { previousFilename: file.previous_filename } : {})
        }))
    };
}
const GIT_STATUS = {
    A: 'added',
    D: 'removed',
    M: 'modified',
    R: 'renamed',
    C: 'copied',
    T: 'changed',
    U: 'changed',
    X: 'changed'
};
async function diffWithGit(git, plan) {
    try {
        const base = plan.baseIsBranch ? await resolveBranch(git, plan.base) : plan.base;
        if (base === undefined) {
            return { kind: 'failed', reason: `the branch ${plan.base} is not in the local clone` };
        }
        for (const commit of [base, plan.head]) {
            const present = await git(['cat-file', '-e', `${commit}^{commit}`]);
            if (present.exitCode !== 0) {
                return {
                    kind: 'failed',
                    reason: `commit ${short(commit)} is not in the local clone (a shallow checkout? actions/checkout with fetch-depth: 0 has it)`
                };
            }
        }
        const range = plan.twoDot ? [base, plan.head] : [`${base}...${plan.head}`];
        const diff = await git(['diff', '--name-status', '-z', '-M', '--no-ext-diff', ...range, '--']);
        if (diff.exitCode !== 0) {
            return {
                kind: 'failed',
                reason: `git diff ${range.join(' ')} failed (${firstLine(diff.stderr) || `exit ${diff.exitCode}`})`
            };
        }
        return { kind: 'files', files: parseNameStatus(diff.stdout) };
    }
    catch (error) {
        return { kind: 'failed', reason: `git could not run (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)})` };
    }
}
async function resolveBranch(git, branch) {
    for (const ref of [`refs/remotes/origin/${branch}`, `refs/heads/${branch}`]) {
        const resolved = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
        const sha = resolved.stdout.trim();
        if (resolved.exitCode === 0 && /^[0-9a-f]{40,64}$/.test(sha))
            return sha;
    }
    return undefined;
}
/** Parses `git diff --name-status -z -M`: `M\0path\0`, `R100\0old\0new\0`. */
function parseNameStatus(output) {
    const fields = output.split('\0');
    const files = [];
    let index = 0;
    while (index < fields.length) {
        const code = fields[index];
        if (code === '') {
            index += 1;
            continue;
        }
        const letter = code[0];
        const status = GIT_STATUS[letter] ?? 'changed';
        if (letter === 'R' || letter === 'C') {
            const previousFilename = fields[index + 1];
            const filename = fields[index + 2];
            if (previousFilename === undefined || filename === undefined)
                break;
            files.push(letter === 'R' ? { filename, status, previousFilename } : { filename, status });
            index += 3;
        }
        else {
            const filename = fields[index + 1];
            if (filename === undefined)
                break;
            files.push({ filename, status });
            index += 2;
        }
    }
    return files;
}
/**
 * The whole first step of SPEC.md: decide without asking anything when the event, `force`
 * or empty filters settle it, else list the changed files and decide on them.
 */
async function evaluateSkip(ctx, options, deps) {
    const input = {
        eventName: ctx.eventName,
        ref: ctx.ref || text(ctx.payload.ref),
        force: options.force,
        paths: options.paths,
        pathsIgnore: options.pathsIgnore
    };
    // Settled by `force`, the event, a tag or empty filters: the changed files are never read.
    return (settledWithoutFiles(input) ??
        decideSkip({ ...input, changedFiles: await listChangedFiles(ctx, deps) }));
}
/** The decision when `force`, the event, a tag or empty filters settle it; else undefined. */
function settledWithoutFiles(input) {
    if (input.force)
        return build('force is true, so this run never skips');
    if (!SKIPPABLE_EVENTS.includes(input.eventName)) {
        return build(`${input.eventName || 'this'} events always build; only push, pull_request and pull_request_target events can skip`);
    }
    if (input.ref?.startsWith('refs/tags/')) {
        return build(`tag pushes always build (${input.ref})`);
    }
    if (input.paths.length === 0 && input.pathsIgnore.length === 0) {
        return build('paths and paths-ignore are both empty, so nothing can skip');
    }
    return undefined;
}
function record(value) {
    return typeof value === 'object' && value !== null
        ? value
        : undefined;
}
function text(value) {
    return typeof value === 'string' ? value : '';
}
function short(ref) {
    return /^[0-9a-f]{40,64}$/.test(ref) ? ref.slice(0, 7) : ref;
}
function firstLine(value) {
    return value.trim().split('\n')[0] ?? '';
}
/** Octokit's message without the documentation link it appends. */
function apiMessage(error) {
    return (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error).replace(/ - https?:\/\/\S+$/, '');
}


/***/ })

};

//# sourceMappingURL=582.index.js.map