export const id = 16;
export const ids = [16];
export const modules = {

/***/ 5016:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  bumpGitOps: () => (/* binding */ bumpGitOps)
});

// UNUSED EXPORTS: COMMIT_TRAILER, autoMergeRefusal, commitMessageWithTrailer, decideBranch, describeAcceptedPermissions, gitBlobSha, isOwnCommit, planSupersede

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/core.ts
var core = __webpack_require__(828);
;// CONCATENATED MODULE: ./src/diff.ts
/**
 * Minimal unified diffs of two texts, as `diff -u` prints them, for the job summary, the dry-run
 * output and the pull request body.
 *
 * Lines are compared with their line break, so a line that only changed from CRLF to LF, or that
 * lost its final newline, shows as changed; `\ No newline at end of file` marks a last line
 * without one. The edit script is a shortest one (Myers' O(ND) algorithm in linear space).
 */
/**
 * A unified diff of `before` → `after` for `fileName` (`--- a/<file>`, `+++ b/<file>`,
 * `@@ -l,n +l,n @@` hunks with `context` lines around each change), or '' when they are equal.
 */
function unifiedDiff(fileName, before, after, context = 3) {
    if (before === after)
        return '';
    const lines = diffLines(splitLines(before), splitLines(after));
    let out = `--- a/${fileName}\n+++ b/${fileName}\n`;
    for (const hunk of hunks(lines, Math.max(0, Math.floor(context))))
        out += hunk;
    return out;
}
/** How many lines a shortest edit from `before` to `after` removes and adds. */
function countChangedLines(before, after) {
    let removed = 0;
    let added = 0;
    for (const line of diffLines(splitLines(before), splitLines(after))) {
        if (line.op === '-')
            removed++;
        else if (line.op === '+')
            added++;
    }
    return { removed, added };
}
/** Lines with their terminator (`\n`, or `\r\n`); the last one may have none. */
function splitLines(text) {
    const lines = [];
    let start = 0;
    for (;;) {
        const end = text.indexOf('\n', start);
        if (end === -1)
            break;
        lines.push(text.slice(start, end + 1));
        start = end + 1;
    }
    if (start < text.length)
        lines.push(text.slice(start));
    return lines;
}
function hunks(lines, context) {
    const out = [];
    let i = 0;
    // Line numbers (1-based) of the next line of each side.
    let oldLine = 1;
    let newLine = 1;
    while (i < lines.length) {
        if (lines[i].op === ' ') {
            i++;
            oldLine++;
            newLine++;
            continue;
        }
        // A change at i: the hunk starts `context` lines earlier and runs until a gap of more than
        // 2 × context unchanged lines (or the end).
        const lead = Math.min(context, countBackEqual(lines, i));
        const start = i - lead;
        let end = i;
        for (;;) {
            while (end < lines.length && lines[end].op !== ' ')
                end++;
            let gap = 0;
            while (end + gap < lines.length && lines[end + gap].op === ' ')
                gap++;
            if (end + gap >= lines.length || gap > 2 * context) {
                end += Math.min(gap, context);
                break;
            }
            end += gap;
        }
        const hunkOldStart = oldLine - lead;
        const hunkNewStart = newLine - lead;
        let oldCount = 0;
        let newCount = 0;
        let body = '';
        for (let j = start; j < end; j++) {
            const { op, text } = lines[j];
            if (op !== '+')
                oldCount++;
            if (op !== '-')
                newCount++;
            body += op + (text.endsWith('\n') ? text : `${text}\n\\ No newline at end of file\n`);
        }
        out.push(`@@ -${range(hunkOldStart, oldCount)} +${range(hunkNewStart, newCount)} @@\n${body}`);
        oldLine = hunkOldStart + oldCount;
        newLine = hunkNewStart + newCount;
        i = end;
    }
    return out;
}
function countBackEqual(lines, i) {
    let n = 0;
    while (i - n - 1 >= 0 && lines[i - n - 1].op === ' ')
        n++;
    return n;
}
/** `l,n` as diff prints it: `,1` is left out, and an empty range names the line before it. */
function range(start, count) {
    if (count === 0)
        return `${start - 1},0`;
    return count === 1 ? `${start}` : `${start},${count}`;
}
/** A shortest edit script from `a` to `b`, as kept, removed and added lines in order. */
function diffLines(a, b) {
    const raw = [];
    diffRange(a, 0, a.length, b, 0, b.length, raw);
    // Within each run of changes, removals come first, as diff prints them.
    const out = [];
    let added = [];
    for (const line of raw) {
        if (line.op === '+') {
            added.push(line);
            continue;
        }
        if (line.op === ' ' && added.length > 0) {
            out.push(...added);
            added = [];
        }
        out.push(line);
    }
    out.push(...added);
    return out;
}
function diffRange(a, aLo, aHi, b, bLo, bHi, out) {
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
        out.push({ op: ' ', text: a[aLo] });
        aLo++;
        bLo++;
    }
    let suffix = 0;
    while (aHi > aLo && bHi > bLo && a[aHi - 1] === b[bHi - 1]) {
        aHi--;
        bHi--;
        suffix++;
    }
    if (aLo === aHi) {
        for (let j = bLo; j < bHi; j++)
            out.push({ op: '+', text: b[j] });
    }
    else if (bLo === bHi) {
        for (let j = aLo; j < aHi; j++)
            out.push({ op: '-', text: a[j] });
    }
    else {
        // Both sides are non-empty and differ at both ends, so the shortest edit has D ≥ 2 and the
        // middle snake splits it into two strictly smaller problems.
        const [x0, y0, x1, y1] = middleSnake(a, aLo, aHi, b, bLo, bHi);
        diffRange(a, aLo, x0, b, bLo, y0, out);
        for (let j = x0; j < x1; j++)
            out.push({ op: ' ', text: a[j] });
        diffRange(a, x1, aHi, b, y1, bHi, out);
    }
    for (let j = aHi; j < aHi + suffix; j++)
        out.push({ op: ' ', text: a[j] });
}
/**
 * The middle snake of a shortest edit path (Myers 1986, section 4b): returns its start and end
 * points in absolute coordinates. Forward V holds furthest x per diagonal k = x − y; reverse V
 * holds furthest distance from the ends per reverse diagonal.
 */
function middleSnake(a, aLo, aHi, b, bLo, bHi) {
    const n = aHi - aLo;
    const m = bHi - bLo;
    const delta = n - m;
    const odd = (delta & 1) !== 0;
    const max = Math.ceil((n + m) / 2);
    const off = max + 1;
    const forward = new Int32Array(2 * max + 3);
    const reverse = new Int32Array(2 * max + 3);
    for (let d = 0; d <= max; d++) {
        for (let k = -d; k <= d; k += 2) {
            let x = k === -d || (k !== d && forward[off + k - 1] < forward[off + k + 1])
                ? forward[off + k + 1]
                : forward[off + k - 1] + 1;
            let y = x - k;
            const x0 = x;
            const y0 = y;
            while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
                x++;
                y++;
            }
            forward[off + k] = x;
            const kr = delta - k;
            if (odd && kr >= -(d - 1) && kr <= d - 1 && x + reverse[off + kr] >= n) {
                return [aLo + x0, bLo + y0, aLo + x, bLo + y];
            }
        }
        for (let k = -d; k <= d; k += 2) {
            let x = k === -d || (k !== d && reverse[off + k - 1] < reverse[off + k + 1])
                ? reverse[off + k + 1]
                : reverse[off + k - 1] + 1;
            let y = x - k;
            const x0 = x;
            const y0 = y;
            while (x < n && y < m && a[aHi - 1 - x] === b[bHi - 1 - y]) {
                x++;
                y++;
            }
            reverse[off + k] = x;
            const kf = delta - k;
            if (!odd && kf >= -d && kf <= d && forward[off + kf] + x >= n) {
                return [aLo + n - x, bLo + m - y, aLo + n - x0, bLo + m - y0];
            }
        }
    }
    throw new Error('diff: no middle snake found (unreachable)');
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/pr-body.ts
/**
 * The bump pull request's body and its hidden marker. Pure.
 *
 * The marker is an HTML comment holding JSON. It is how a bump PR is recognised (title prefixes and
 * branch names are user templates, so they prove nothing) and how runs are ordered for newest-wins.
 */
const MARKER_PREFIX = '<!-- gitops-image-bump:v1 ';
const MARKER_PATTERN = /<!-- gitops-image-bump:v1 (\{[^\n]*?\}) -->/;
/** The marker comment for a run. `<`, `>` and `&` are escaped so no value can close the comment. */
function formatMarker(marker) {
    const ordered = {
        valuesFile: marker.valuesFile,
        base: marker.base,
        app: marker.app,
        environment: marker.environment,
        repository: marker.repository,
        sha: marker.sha,
        runNumber: marker.runNumber,
        runAttempt: marker.runAttempt,
        image: marker.image
    };
    const json = JSON.stringify(ordered)
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026');
    return `${MARKER_PREFIX}${json} -->`;
}
/** The marker of a PR body, or undefined when the body has none or a malformed one. */
function parseMarker(body) {
    if (!body)
        return undefined;
    const match = MARKER_PATTERN.exec(body);
    if (!match)
        return undefined;
    let value;
    try {
        value = JSON.parse(match[1]);
    }
    catch {
        // A PR that merely quotes a broken marker is not a bump PR; nothing to report.
        return undefined;
    }
    if (value === null || typeof value !== 'object')
        return undefined;
    const record = value;
    const strings = ['valuesFile', 'base', 'app', 'environment', 'repository', 'sha', 'image'];
    if (!strings.every((key) => typeof record[key] === 'string'))
        return undefined;
    const { runNumber, runAttempt } = record;
    if (!isPositiveInteger(runNumber) || !isPositiveInteger(runAttempt))
        return undefined;
    return {
        valuesFile: record.valuesFile,
        base: record.base,
        app: record.app,
        environment: record.environment,
        repository: record.repository,
        sha: record.sha,
        runNumber,
        runAttempt,
        image: record.image
    };
}
function isPositiveInteger(value) {
    return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
/**
 * Newest-wins order of two runs: negative when `a` is older than `b`, 0 for the same run and
 * attempt. Run numbers order runs; attempts order re-runs of one run.
 */
function compareRuns(a, b) {
    return a.runNumber - b.runNumber || a.runAttempt - b.runAttempt;
}
/** The marker a run writes into its PR. */
function markerFor(input) {
    return {
        valuesFile: input.valuesFile,
        base: input.base,
        app: input.app,
        environment: input.environment,
        repository: input.source.repository,
        sha: input.source.sha,
        runNumber: input.source.runNumber,
        runAttempt: input.source.runAttempt,
        image: input.image
    };
}
/** The PR body: a short table for the reviewer, then the marker. */
function renderPrBody(input) {
    const marker = formatMarker(markerFor(input));
    if (input.override !== undefined && input.override.trim() !== '') {
        return `${input.override.trimEnd()}\n\n${marker}\n`;
    }
    const server = input.source.serverUrl.replace(/\/+$/, '');
    const repositoryUrl = `${server}/${input.source.repository}`;
    const shortSha = input.source.sha.slice(0, 7);
    const rows = [
        ['Values file', `${code(input.valuesFile)} (${code(input.imageKey)})`],
        ['Old image', input.previousImage === null ? '_not set_' : code(input.previousImage)],
        ['New image', code(input.image)]
    ];
    if (input.digest)
        rows.push(['Digest', code(input.digest)]);
    rows.push(['Source', `[${input.source.repository}](${repositoryUrl})`], ['Commit', `[${shortSha}](${repositoryUrl}/commit/${input.source.sha})`]);
    if (input.source.runId !== '') {
        rows.push([
            'Workflow run',
            `[#${input.source.runNumber}](${repositoryUrl}/actions/runs/${input.source.runId})`
        ]);
    }
    return [
        `Bumps **${escapeMarkdown(input.app)}** in **${escapeMarkdown(input.environment)}** ` +
            `to a new image, targeting ${code(input.base)}.`,
        '',
        '| | |',
        '|---|---|',
        ...rows.map(([name, value]) => `| ${name} | ${value.replace(/\|/g, '\\|')} |`),
        '',
        'Opened by gitops-image-bump. Newer runs for this values file close this pull request.',
        '',
        marker,
        ''
    ].join('\n');
}
/**
 * Whether an existing PR body says the same as the one this run would write. The marker's attempt
 * is ignored: a re-run of the same run bumps to the same image and should leave the PR alone.
 */
function sameBody(existing, wanted) {
    if (existing === null)
        return false;
    const a = parseMarker(existing);
    const b = parseMarker(wanted);
    if (a === undefined || b === undefined)
        return normalise(existing) === normalise(wanted);
    return (normalise(stripMarker(existing)) === normalise(stripMarker(wanted)) &&
        JSON.stringify({ ...a, runAttempt: 0 }) === JSON.stringify({ ...b, runAttempt: 0 }));
}
function stripMarker(body) {
    return body.replace(MARKER_PATTERN, '');
}
// GitHub stores bodies edited in the web UI with CRLF; that is not a difference worth a PATCH.
function normalise(body) {
    return body.replace(/\r\n/g, '\n').trimEnd();
}
/** A Markdown code span that holds any text, backticks included. */
function code(text) {
    const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
    const fence = '`'.repeat(longest + 1);
    const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${text}${pad}${fence}`;
}
function escapeMarkdown(text) {
    return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

;// CONCATENATED MODULE: ./src/gitops.ts
/**
 * The GitOps half of the step: patch the values file in the GitOps repository on a branch and open
 * (or update) the pull request, through the GitHub API only; no clone. Every Octokit call of the flow
 * lives here. Request sequences follow the GitHub API reference sheet (shared/reference/github-api.md §6):
 *
 * - fresh bump: the reads at once (GET repo, GET commits?per_page=1 and GET contents; with a given
 *   base, GET ref and GET contents), then POST ref · PUT contents · POST pulls: 6 requests or 5;
 *   `supersede` adds a listing of the open PRs of the base before writing and another once this
 *   run's PR is open (overlapping runs), and one of its 30 most recently closed PRs (a newer
 *   run's bump may already be merged);
 * - re-run: the POST ref answers 422 "Reference already exists"; one compare of base...branch tells
 *   whether the branch is ours, current, and already holds the file; configured reviewers the
 *   found PR does not request cost a listing of its reviews and one review request;
 * - writes are locked by the blob sha; a 409 re-reads the branch and tries again, bounded.
 *
 * The decisions (is a branch ours, which PR is newer, what to close) are pure functions below.
 */





const RERUN_HINT = 'Re-run the job; a re-run finishes what this run started.';
/** The trailer every commit of the action carries; how its own commits are told from people's. */
const COMMIT_TRAILER = 'GitOps-Image-Bump';
/** The commit message with the trailer naming the values file. */
function commitMessageWithTrailer(message, valuesFile) {
    const trimmed = message.trimEnd();
    return `${trimmed}\n\n${COMMIT_TRAILER}: ${valuesFile}\n`;
}
/** Whether a commit message carries the action's trailer (so the commit is the action's own). */
function isOwnCommit(message) {
    return new RegExp(`^${COMMIT_TRAILER}: \\S`, 'm').test(message);
}
/** Git's object id of a blob: sha1 of `blob <length>\0<bytes>`. */
function gitBlobSha(bytes) {
    return (0,external_node_crypto_.createHash)('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
/**
 * What to do with an existing bump branch. A branch carrying any commit that is not the action's
 * own is refused (never reset, never written to). An own branch behind the base is reset to it. An
 * own, current branch gets a commit only when its file differs from the wanted bytes.
 */
function decideBranch(comparison, valuesFile, wantedBlobSha, baseBlobSha) {
    if (comparison.commits.length < comparison.aheadBy) {
        // GitHub lists at most 250 commits; what it does not show cannot be proven ours.
        return { action: 'refuse', commit: undefined };
    }
    const foreign = comparison.commits.find((commit) => !isOwnCommit(commit.message));
    if (foreign)
        return { action: 'refuse', commit: foreign };
    if (comparison.behindBy > 0)
        return { action: 'reset' };
    const entry = comparison.files.find((file) => file.filename === valuesFile);
    const branchBlobSha = comparison.aheadBy === 0 || entry === undefined
        ? baseBlobSha
        : entry.status === 'removed'
            ? undefined
            : (entry.sha ?? undefined);
    if (branchBlobSha === wantedBlobSha) {
        const head = comparison.commits.at(-1);
        return { action: 'keep', headSha: comparison.headSha, verified: head ? head.verified : null };
    }
    return { action: 'commit', fileSha: branchBlobSha };
}
/**
 * Sorts the open PRs of the base into this run's own, newer and older bump PRs of the same values
 * file. Only PRs whose head lives in the GitOps repository count: a fork could copy a marker.
 */
function planSupersede(ours, repository, pulls) {
    const plan = { older: [] };
    let newestMarker;
    for (const pull of pulls) {
        if (pull.headRepository?.toLowerCase() !== repository.toLowerCase())
            continue;
        if (pull.headRef === ours.branch) {
            plan.own ??= pull;
            continue;
        }
        const marker = parseMarker(pull.body);
        if (!marker || marker.valuesFile !== ours.valuesFile || marker.base !== ours.base)
            continue;
        const order = compareRuns(marker, ours);
        if (order < 0)
            plan.older.push(pull);
        else if (order > 0 && (newestMarker === undefined || compareRuns(marker, newestMarker) > 0)) {
            plan.newer = pull;
            newestMarker = marker;
        }
    }
    plan.older.sort((a, b) => a.number - b.number);
    return plan;
}
/**
 * The permissions named by `x-accepted-github-permissions`, in words: `,` joins permissions needed
 * together, `;` separates alternatives. `contents=write` → `contents: write`.
 */
function describeAcceptedPermissions(header) {
    return header
        .split(';')
        .map((set) => set
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '')
        .map((item) => item.replace('=', ': '))
        .join(' and '))
        .filter((set) => set !== '')
        .join(', or ');
}
/** How an `enablePullRequestAutoMerge` refusal should be reported. */
function autoMergeRefusal(message) {
    if (/auto merge is not allowed/i.test(message))
        return 'not-allowed';
    if (/is in clean status/i.test(message))
        return 'clean-status';
    if (/is in (unstable|has_hooks|unknown) status/i.test(message))
        return 'not-ready';
    return undefined;
}
let valuesModule;
/** src/values.ts and the yaml parser it imports (about 300 KB of JavaScript), loaded once. */
function loadValues() {
    valuesModule ??= Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(777)]).then(__webpack_require__.bind(__webpack_require__, 4777));
    return valuesModule;
}
async function bumpGitOps(client, options, deps = {}) {
    return new GitOpsBump(client, options, deps).run();
}
/** The status, GitHub's message and headers of a failed request; undefined for other errors. */
function httpFailure(error) {
    const status = (0,errors/* httpStatus */.nG)(error);
    if (status === undefined || !(0,errors/* hasResponse */.m_)(error))
        return undefined;
    const response = error.response;
    const headers = (response.headers ?? {});
    const data = response.data;
    let message = error instanceof Error ? error.message : '';
    if (data !== null && typeof data === 'object' && 'message' in data) {
        const parts = [String(data.message)];
        if ('errors' in data && Array.isArray(data.errors)) {
            for (const item of data.errors) {
                if (item !== null && typeof item === 'object' && 'message' in item) {
                    parts.push(String(item.message));
                }
            }
        }
        message = parts.join(': ');
    }
    return { status, message, headers };
}
function failedWith(error, status, pattern) {
    const failure = httpFailure(error);
    return (failure !== undefined &&
        failure.status === status &&
        (pattern === undefined || pattern.test(failure.message)));
}
/**
 * Awaits every promise, then throws the first rejection in the order given, not in the order they
 * happened: the caller lists its reads from the most to the least fundamental.
 */
async function allInOrder(promises) {
    const outcomes = await Promise.allSettled(promises);
    for (const outcome of outcomes)
        if (outcome.status === 'rejected')
            throw outcome.reason;
    return outcomes.map((outcome) => outcome.value);
}
/** Thrown inside a write attempt when the branch moved under it; the attempt is redone. */
class StaleBranch extends Error {
    why;
    gone;
    /** `gone`: the branch may not exist any more, so the next attempt creates it again. */
    constructor(why, gone = false) {
        super(why);
        this.why = why;
        this.gone = gone;
    }
}
class GitOpsBump {
    client;
    options;
    owner;
    repo;
    slug;
    log;
    sleep;
    maxAttempts;
    backoffMs;
    warnedUnsigned = false;
    constructor(client, options, deps) {
        this.client = client;
        this.options = options;
        this.owner = options.repository.owner;
        this.repo = options.repository.repo;
        this.slug = `${this.owner}/${this.repo}`;
        this.log = deps.log ?? core;
        this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
        this.maxAttempts = deps.maxAttempts ?? 4;
        this.backoffMs = deps.backoffMs ?? ((attempt) => 1000 * 2 ** (attempt - 1));
    }
    async run() {
        const { options } = this;
        const first = await this.readBase();
        const values = await loadValues();
        const { base } = first;
        let bump = { read: first.read, patch: this.patch(values, first.read.text) };
        let result = this.describe(base, bump);
        if (options.dryRun) {
            this.log.info(bump.patch.changed
                ? `Dry run: would set ${options.imageKey} in ${options.valuesFile} to ${options.image}.`
                : `Dry run: ${options.valuesFile} on ${base} already holds ${options.image}.`);
            return result;
        }
        if (!bump.patch.changed) {
            this.log.info(`${options.valuesFile} on ${base} already holds ${options.image}; nothing to do.`);
            return { ...result, operation: 'unchanged' };
        }
        const reread = async () => {
            const read = await this.readValuesAtBase(base, options.base ? 'input' : 'default');
            const patch = this.patch(values, read.text);
            if (patch.changed)
                return { read, patch };
            this.log.info(`${options.valuesFile} on ${base} now holds ${options.image}.`);
            return undefined;
        };
        if (options.mode === 'commit') {
            for (let attempt = 1;; attempt++) {
                try {
                    const write = await this.putFile(base, bump.patch.text, bump.read.blobSha);
                    this.log.info(`Committed ${options.valuesFile} to ${base}: ${write.commitSha}.`);
                    return {
                        ...result,
                        operation: 'committed',
                        commitSha: write.commitSha,
                        commitsVerified: write.verified
                    };
                }
                catch (error) {
                    if (!(error instanceof StaleBranch) || attempt >= this.maxAttempts) {
                        throw this.staleToError(error, base);
                    }
                    this.log.info(`${base} moved (${error.why}); reading it again.`);
                    await this.sleep(this.backoffMs(attempt));
                    const next = await reread();
                    if (next === undefined)
                        return { ...result, operation: 'unchanged', diff: '' };
                    bump = next;
                    result = this.describe(base, bump);
                }
            }
        }
        return this.pullRequestFlow(result, base, bump, reread);
    }
    /** The result of a bump of `read` before anything is written: diff, previous image, PR text. */
    describe(base, { read, patch }) {
        const { options } = this;
        const previousImage = patch.previous;
        const body = renderPrBody({
            app: options.source.app,
            environment: options.source.environment,
            valuesFile: options.valuesFile,
            imageKey: options.imageKey,
            base,
            previousImage,
            image: options.image,
            digest: options.digest,
            source: options.source,
            override: options.prBody
        });
        return {
            operation: 'none',
            branch: options.mode === 'commit' ? base : options.branch,
            baseBranch: base,
            commitSha: null,
            commitsVerified: null,
            pullRequestNumber: null,
            pullRequestUrl: null,
            previousImage,
            valuesFile: options.valuesFile,
            diff: patch.changed ? unifiedDiff(options.valuesFile, read.text, patch.text) : '',
            closed: [],
            title: options.prTitle,
            body
        };
    }
    async pullRequestFlow(described, base, bump, reread) {
        const { options } = this;
        const ours = {
            branch: options.branch,
            valuesFile: options.valuesFile,
            base,
            runNumber: options.source.runNumber,
            runAttempt: options.source.runAttempt
        };
        let plan;
        if (options.supersede) {
            plan = planSupersede(ours, this.slug, await this.listOpenPulls(base));
            // A newer run would have closed this run's own open PR, so only without one can a newer
            // bump already be merged.
            const newer = plan.newer ?? (plan.own ? undefined : await this.findNewerMergedPull(base));
            if (newer) {
                this.log.info(`A newer run already ${plan.newer ? 'proposes' : 'merged'} ${options.valuesFile} in ` +
                    `#${newer.number}; this older run leaves it alone.`);
                return {
                    ...described,
                    operation: 'superseded',
                    supersededBy: newer.number,
                    pullRequestNumber: newer.number,
                    pullRequestUrl: newer.url
                };
            }
        }
        const written = await this.writeBranch(base, bump, reread);
        if (written.unchanged)
            return { ...described, operation: 'unchanged', diff: '' };
        const { write, createdBranch } = written;
        // A write that had to read the base again describes what it wrote.
        const result = written.bump === bump ? described : this.describe(base, written.bump);
        result.commitSha = write.commitSha;
        result.commitsVerified = write.verified;
        let pull = createdBranch ? undefined : plan ? plan.own : await this.findOpenPull(base);
        let operation;
        if (pull === undefined) {
            const opened = await this.openPull(base, result.title, result.body);
            pull = opened.pull;
            if (opened.created)
                operation = 'created';
        }
        if (operation === undefined) {
            const refreshed = await this.refreshPull(pull, result);
            operation = refreshed || write.committed ? 'updated' : 'unchanged';
        }
        if (operation === 'created') {
            await this.addLabels(pull, options.labels);
            await this.requestReviewers(pull);
        }
        else {
            await this.addLabels(pull, options.labels.filter((label) => !pull.labels.includes(label)));
            await this.requestMissingReviewers(pull);
        }
        if (options.autoMerge && pull.autoMerge !== options.autoMerge) {
            await this.enableAutoMerge(pull, options.autoMerge);
        }
        this.log.info(`Pull request #${pull.number} (${operation}): ${pull.url}`);
        const closed = [];
        if (plan) {
            // Runs of the same values file may overlap: look again now that this run's PR is open, so
            // that whichever run looks last closes the other, and exactly one bump PR stays open.
            const after = planSupersede(ours, this.slug, await this.listOpenPulls(base));
            if (after.newer) {
                this.log.info(`A newer run opened #${after.newer.number} for ${options.valuesFile} meanwhile; ` +
                    `closing this run's #${pull.number}.`);
                await this.closeSuperseded(pull, after.newer, base);
                return {
                    ...result,
                    operation: 'superseded',
                    supersededBy: after.newer.number,
                    pullRequestNumber: after.newer.number,
                    pullRequestUrl: after.newer.url,
                    closed: [pull.number]
                };
            }
            for (const older of after.older) {
                await this.closeSuperseded(older, pull, base);
                closed.push(older.number);
            }
        }
        return {
            ...result,
            operation,
            pullRequestNumber: pull.number,
            pullRequestUrl: pull.url,
            closed
        };
    }
    // ---- reading --------------------------------------------------------------------------------
    async defaultBranch() {
        try {
            const { data } = await this.client.request('GET /repos/{owner}/{repo}', {
                owner: this.owner,
                repo: this.repo
            });
            return data.default_branch;
        }
        catch (error) {
            throw this.translate(error, 'read the repository');
        }
    }
    async branchHead(branch, origin) {
        try {
            const { data } = await this.client.request('GET /repos/{owner}/{repo}/git/ref/{ref}', {
                owner: this.owner,
                repo: this.repo,
                ref: `heads/${branch}`
            });
            return data.object.sha;
        }
        catch (error) {
            if (!failedWith(error, 404))
                throw this.translate(error, `read branch ${branch}`);
            // The same 404 means "no such branch" and "no such repository"; one more read tells which.
            if (origin === 'input')
                await this.defaultBranch();
            throw new errors/* ActionError */.lZ(origin === 'input'
                ? `The base branch "${branch}" does not exist in ${this.slug}.`
                : `The default branch "${branch}" of ${this.slug} has no commits.`, {
                hint: origin === 'input'
                    ? 'Set gitops-base to an existing branch of the GitOps repository, or leave it empty for the default branch.'
                    : 'Push the values files to the GitOps repository first (merge the onboarding pull request).',
                cause: error
            });
        }
    }
    async readValuesAtBase(base, origin) {
        const baseSha = await this.branchHead(base, origin);
        const { text, blobSha } = await this.readValues(baseSha, base);
        return { baseSha, text, blobSha };
    }
    /**
     * The values file at `ref` (the default branch when undefined). `branch` names the branch in
     * errors; a promise when its name is being read at the same time.
     */
    async readValues(ref, branch) {
        const { valuesFile } = this.options;
        let data;
        try {
            ;
            ({ data } = await this.client.request('GET /repos/{owner}/{repo}/contents/{path}', {
                owner: this.owner,
                repo: this.repo,
                path: valuesFile,
                ...(ref === undefined ? {} : { ref })
            }));
        }
        catch (error) {
            if (failedWith(error, 404, /^Not Found/)) {
                const name = await Promise.resolve(branch).catch(() => 'the default branch');
                throw new errors/* ActionError */.lZ(`The values file ${valuesFile} does not exist on ${name} of ${this.slug}.`, {
                    hint: 'Merge the onboarding pull request that adds it, or set values-file to the file that ' +
                        `holds ${this.options.imageKey}.`,
                    cause: error
                });
            }
            throw this.translate(error, `read ${valuesFile}`);
        }
        if (Array.isArray(data) || data === null || typeof data !== 'object') {
            throw new errors/* ActionError */.lZ(`values-file ${valuesFile} is a directory in ${this.slug}.`, {
                hint: 'Set values-file to the path of the YAML file itself.'
            });
        }
        const file = data;
        if (file.type !== 'file' || typeof file.sha !== 'string') {
            throw new errors/* ActionError */.lZ(`values-file ${valuesFile} is not a regular file in ${this.slug}.`, {
                hint: 'Set values-file to the path of the YAML file itself, not a link or submodule.'
            });
        }
        if (file.encoding !== 'base64' || typeof file.content !== 'string') {
            throw new errors/* ActionError */.lZ(`The values file ${valuesFile} is too large to edit through the API (over 1 MB).`, { hint: 'Split the values file; a Helm values file this large is unusual.' });
        }
        const bytes = Buffer.from(file.content, 'base64');
        const text = bytes.toString('utf8');
        if (!Buffer.from(text, 'utf8').equals(bytes)) {
            throw new errors/* ActionError */.lZ(`The values file ${valuesFile} is not UTF-8 text.`, {
                hint: 'Convert the file to UTF-8; YAML files must be UTF-8 to be edited byte-exactly.'
            });
        }
        return { text, blobSha: file.sha };
    }
    /**
     * The base branch, its head commit and the values file, read at once: the reads go out together
     * (three without `gitops-base`, two with it), so the bump pays one round trip for them, not
     * three (BENCHMARKS.md §1). They are not pinned to one commit: a push to the base between them
     * can pair a head with a newer or older file. The write is locked by the file's blob sha, so
     * such a pair cannot land: the write answers 409, and `writeBranch` (or the commit loop) reads
     * the base again, file pinned to the head, and redoes the bump on that. When several reads
     * fail, the error of the first one (repository, branch, file) is the one that explains.
     */
    async readBase() {
        const { options } = this;
        const name = options.base ? Promise.resolve(options.base) : this.defaultBranch();
        const head = options.base ? this.branchHead(options.base, 'input') : this.defaultHead(name);
        const file = this.readValues(options.base || undefined, name);
        // The YAML patcher is loaded once GitHub has answered the first read, so that the reads are
        // not held back by it, and it compiles while the others travel (BENCHMARKS.md §2).
        void Promise.race([name, head, file])
            .then(loadValues, loadValues)
            .catch(() => undefined);
        const [base, baseSha, values] = await allInOrder([name, head, file]);
        return { base, read: { baseSha, ...values } };
    }
    /** The head commit of the default branch: the first commit GitHub lists, the name unknown yet. */
    async defaultHead(name) {
        let head;
        try {
            const { data } = await this.client.request('GET /repos/{owner}/{repo}/commits', {
                owner: this.owner,
                repo: this.repo,
                per_page: 1
            });
            head = data[0];
        }
        catch (error) {
            // An empty repository answers 409 "Git Repository is empty."
            if (!failedWith(error, 409))
                throw this.translate(error, 'read the default branch');
        }
        if (head !== undefined)
            return head.sha;
        const branch = await name.catch(() => 'the default branch');
        throw new errors/* ActionError */.lZ(`The default branch "${branch}" of ${this.slug} has no commits.`, {
            hint: 'Push the values files to the GitOps repository first (merge the onboarding pull request).'
        });
    }
    patch(values, text) {
        return values.patchScalar(text, this.options.imageKey, this.options.image, {
            fileName: this.options.valuesFile
        });
    }
    // ---- branch and commit ----------------------------------------------------------------------
    /**
     * Puts the bump on the bump branch: creates it at the base head, or brings an existing one of
     * ours up to date. The write is locked by the blob sha that was read; when it meets a branch
     * that moved, or a read that straddled a push to the base (`readBase`), the base is read again,
     * pinned to one commit, and the bump redone on it, a bounded number of times. When the base
     * meanwhile holds the image, a branch this run created is deleted and nothing is left behind.
     */
    async writeBranch(base, first, reread) {
        const { branch, valuesFile } = this.options;
        let bump = first;
        let createdBranch = false;
        let exists = false;
        for (let attempt = 1;; attempt++) {
            const { read, patch } = bump;
            try {
                const done = (write) => ({ unchanged: false, bump, write, createdBranch });
                if (!exists) {
                    exists = true;
                    if (await this.createBranch(branch, read.baseSha)) {
                        createdBranch = true;
                        const write = await this.putFile(branch, patch.text, read.blobSha);
                        this.log.info(`Created ${branch} with the bump: ${write.commitSha}.`);
                        return done(write);
                    }
                }
                const wantedBlobSha = gitBlobSha(Buffer.from(patch.text, 'utf8'));
                const comparison = await this.compareBranch(read.baseSha, branch);
                const decision = decideBranch(comparison, valuesFile, wantedBlobSha, read.blobSha);
                switch (decision.action) {
                    case 'refuse':
                        throw this.foreignBranchError(branch, decision.commit);
                    case 'keep':
                        this.log.info(`${branch} already holds the bump (${decision.headSha}).`);
                        return done({
                            commitSha: decision.headSha,
                            verified: decision.verified,
                            committed: false
                        });
                    case 'reset': {
                        this.log.info(`${branch} is behind ${base}; resetting it to ${read.baseSha}.`);
                        await this.resetBranch(branch, read.baseSha);
                        return done(await this.putFile(branch, patch.text, read.blobSha));
                    }
                    case 'commit': {
                        const write = await this.putFile(branch, patch.text, decision.fileSha);
                        this.log.info(`Committed ${valuesFile} to ${branch}: ${write.commitSha}.`);
                        return done(write);
                    }
                }
            }
            catch (error) {
                if (!(error instanceof StaleBranch) || attempt >= this.maxAttempts) {
                    throw this.staleToError(error, branch);
                }
                this.log.info(`${branch} moved while writing (${error.why}); reading ${base} again.`);
                await this.sleep(this.backoffMs(attempt));
                const next = await reread();
                if (next === undefined) {
                    if (createdBranch && (await this.deleteBranchIfOwn(base, branch)) === 'deleted') {
                        this.log.info(`Deleted ${branch}, which this run created: there is nothing to bump.`);
                    }
                    return { unchanged: true };
                }
                bump = next;
                if (error.gone)
                    exists = false;
            }
        }
    }
    /**
     * Deletes `branch` when every commit on it past `base` carries the action's trailer (README: a
     * bump branch is only ever reset or deleted then). 'kept' when it has commits of others or
     * shares no history with the base, 'gone' when it no longer exists.
     */
    async deleteBranchIfOwn(base, branch) {
        const target = { owner: this.owner, repo: this.repo };
        try {
            const { data } = await this.client.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
                ...target,
                basehead: `${base}...${branch}`
            });
            const onlyOwn = data.commits.length === data.ahead_by &&
                data.commits.every((commit) => isOwnCommit(commit.commit.message));
            if (!onlyOwn)
                return 'kept';
        }
        catch (error) {
            if (failedWith(error, 404, /No common ancestor/i))
                return 'kept';
            if (failedWith(error, 404))
                return 'gone';
            throw this.translate(error, `inspect branch ${branch}`);
        }
        try {
            await this.client.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', {
                ...target,
                ref: `heads/${branch}`
            });
        }
        catch (error) {
            if (failedWith(error, 422, /Reference does not exist/i))
                return 'gone';
            throw this.translate(error, `delete branch ${branch}`);
        }
        return 'deleted';
    }
    /** Creates the branch; false when it already exists. */
    async createBranch(branch, sha) {
        try {
            await this.client.request('POST /repos/{owner}/{repo}/git/refs', {
                owner: this.owner,
                repo: this.repo,
                ref: `refs/heads/${branch}`,
                sha
            });
            return true;
        }
        catch (error) {
            if (failedWith(error, 422, /Reference already exists/i))
                return false;
            if (failedWith(error, 422, /Reference update failed/i)) {
                throw new StaleBranch('reference update failed', true);
            }
            throw this.translate(error, `create branch ${branch}`);
        }
    }
    async resetBranch(branch, sha) {
        try {
            await this.client.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', {
                owner: this.owner,
                repo: this.repo,
                ref: `heads/${branch}`,
                sha,
                force: true
            });
        }
        catch (error) {
            if (failedWith(error, 422, /Reference does not exist/i)) {
                throw new StaleBranch('the branch was deleted', true);
            }
            throw this.translate(error, `reset branch ${branch}`);
        }
    }
    async compareBranch(baseSha, branch) {
        try {
            const { data } = await this.client.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
                owner: this.owner,
                repo: this.repo,
                basehead: `${baseSha}...${branch}`
            });
            const commits = data.commits.map((commit) => ({
                sha: commit.sha,
                message: commit.commit.message,
                author: commit.author?.login ?? commit.commit.author?.name ?? 'unknown',
                verified: commit.commit.verification?.verified ?? null
            }));
            return {
                aheadBy: data.ahead_by,
                behindBy: data.behind_by,
                commits,
                files: (data.files ?? []).map((file) => ({
                    filename: file.filename,
                    sha: file.sha,
                    status: file.status
                })),
                headSha: commits.at(-1)?.sha ?? data.merge_base_commit.sha
            };
        }
        catch (error) {
            if (failedWith(error, 404, /No common ancestor/i)) {
                throw this.foreignBranchError(branch, undefined, 'shares no history with the base');
            }
            if (failedWith(error, 404))
                throw new StaleBranch('the branch was deleted', true);
            throw this.translate(error, `compare ${branch} with the base`);
        }
    }
    async putFile(branch, text, fileSha) {
        const { valuesFile } = this.options;
        this.warnUnsignedOnce();
        try {
            const { data } = await this.client.request('PUT /repos/{owner}/{repo}/contents/{path}', {
                owner: this.owner,
                repo: this.repo,
                path: valuesFile,
                branch,
                // No author or committer: GitHub signs the commit when the token is an App's or GITHUB_TOKEN.
                message: commitMessageWithTrailer(this.options.commitMessage, valuesFile),
                content: Buffer.from(text, 'utf8').toString('base64'),
                ...(fileSha === undefined ? {} : { sha: fileSha })
            });
            const sha = data.commit.sha;
            if (sha === undefined) {
                throw new errors/* ActionError */.lZ(`GitHub did not return the commit of ${valuesFile} on ${branch}.`, {
                    hint: RERUN_HINT
                });
            }
            return {
                commitSha: sha,
                verified: data.commit.verification?.verified ?? null,
                committed: true
            };
        }
        catch (error) {
            if (failedWith(error, 409))
                throw new StaleBranch(httpFailure(error)?.message ?? '409');
            if (failedWith(error, 404))
                throw new StaleBranch('the branch was deleted', true);
            throw this.translate(error, `commit ${valuesFile} to ${branch}`);
        }
    }
    warnUnsignedOnce() {
        if (this.options.tokenKind !== 'pat' || this.warnedUnsigned)
            return;
        this.warnedUnsigned = true;
        this.log.warning('gitops-token is a personal access token: GitHub does not sign commits made with it, so the ' +
            'bump commit shows as Unverified. Use a GitHub App installation token ' +
            '(actions/create-github-app-token) or GITHUB_TOKEN for Verified commits.');
    }
    // ---- pull requests --------------------------------------------------------------------------
    async listOpenPulls(base) {
        try {
            const pulls = await this.client.paginate('GET /repos/{owner}/{repo}/pulls', {
                owner: this.owner,
                repo: this.repo,
                state: 'open',
                base,
                per_page: 100
            });
            return pulls.map(toOpenPull);
        }
        catch (error) {
            throw this.translate(error, `list the open pull requests of ${base}`);
        }
    }
    /**
     * The most recently merged bump PR of a newer run for the same values file and base, if any
     * among the last 30 closed PRs of the base: an older run that finishes after a newer one was
     * already merged must not bring the older image back.
     */
    async findNewerMergedPull(base) {
        const { options } = this;
        let closed;
        try {
            const { data } = await this.client.request('GET /repos/{owner}/{repo}/pulls', {
                owner: this.owner,
                repo: this.repo,
                state: 'closed',
                base,
                sort: 'updated',
                direction: 'desc',
                per_page: 30
            });
            closed = data;
        }
        catch (error) {
            throw this.translate(error, `list the closed pull requests of ${base}`);
        }
        const ours = { runNumber: options.source.runNumber, runAttempt: options.source.runAttempt };
        for (const item of closed) {
            if (!item.merged_at)
                continue;
            const pull = toOpenPull(item);
            if (pull.headRepository?.toLowerCase() !== this.slug.toLowerCase())
                continue;
            const marker = parseMarker(pull.body);
            if (marker?.valuesFile !== options.valuesFile || marker.base !== base)
                continue;
            if (compareRuns(marker, ours) > 0)
                return pull;
        }
        return undefined;
    }
    async findOpenPull(base) {
        try {
            const { data } = await this.client.request('GET /repos/{owner}/{repo}/pulls', {
                owner: this.owner,
                repo: this.repo,
                state: 'open',
                head: `${this.owner}:${this.options.branch}`,
                base,
                per_page: 100
            });
            // Filter again: GitHub ignores a head filter it cannot parse and lists every PR.
            return data.map(toOpenPull).find((pull) => this.isOurBranch(pull));
        }
        catch (error) {
            throw this.translate(error, `find the pull request of ${this.options.branch}`);
        }
    }
    isOurBranch(pull) {
        return (pull.headRef === this.options.branch &&
            pull.headRepository?.toLowerCase() === this.slug.toLowerCase());
    }
    /** Opens the PR; when one already exists for the branch (a race), returns that one instead. */
    async openPull(base, title, body) {
        try {
            const { data } = await this.client.request('POST /repos/{owner}/{repo}/pulls', {
                owner: this.owner,
                repo: this.repo,
                head: this.options.branch,
                base,
                title,
                body,
                draft: this.options.draft
            });
            return { pull: toOpenPull(data), created: true };
        }
        catch (error) {
            if (failedWith(error, 422, /A pull request already exists/i)) {
                const existing = await this.findOpenPull(base);
                if (existing) {
                    this.log.info(`A pull request for ${this.options.branch} appeared meanwhile: #${existing.number}.`);
                    return { pull: existing, created: false };
                }
            }
            throw this.translate(error, `open the pull request from ${this.options.branch}`);
        }
    }
    /** Brings title and body up to date; true when something was changed. */
    async refreshPull(pull, result) {
        if (pull.title === result.title && sameBody(pull.body, result.body))
            return false;
        try {
            await this.client.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
                owner: this.owner,
                repo: this.repo,
                pull_number: pull.number,
                title: result.title,
                body: result.body
            });
            return true;
        }
        catch (error) {
            throw this.translate(error, `update pull request #${pull.number}`);
        }
    }
    async addLabels(pull, labels) {
        if (labels.length === 0)
            return;
        try {
            await this.eventually(() => this.client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
                owner: this.owner,
                repo: this.repo,
                issue_number: pull.number,
                labels: [...labels]
            }));
        }
        catch (error) {
            this.warnFailure(error, `add the labels ${labels.join(', ')} to #${pull.number}`);
        }
    }
    /** The configured reviewers, less the PR's author: GitHub refuses to ask the author. */
    wantedReviewers(pull) {
        const author = pull.author?.toLowerCase();
        return this.options.reviewers.filter((login) => login.toLowerCase() !== author);
    }
    async requestReviewers(pull) {
        await this.postReviewRequest(pull, this.wantedReviewers(pull), [...this.options.teamReviewers], {
            justCreated: true
        });
    }
    /**
     * On a PR that already existed, asks the configured reviewers and teams that are not requested,
     * e.g. because the run that opened it died, or lost the answer, before it asked them. Nobody is
     * asked twice: whoever is still requested is left alone, and so is whoever already reviewed
     * (GitHub takes a reviewer off the list once they review; asking again would notify them
     * again). A team is only asked while the PR has no review at all: a member's review satisfies
     * the team's request, and the PR does not say who belongs to which team.
     */
    async requestMissingReviewers(pull) {
        const requestedLogins = new Set((pull.requestedReviewers ?? []).map((l) => l.toLowerCase()));
        const requestedTeams = new Set((pull.requestedTeams ?? []).map((t) => t.toLowerCase()));
        let reviewers = this.wantedReviewers(pull).filter((login) => !requestedLogins.has(login.toLowerCase()));
        let teams = this.options.teamReviewers.filter((slug) => !requestedTeams.has(slug.toLowerCase()));
        if (reviewers.length === 0 && teams.length === 0)
            return;
        let reviewed;
        let anyReview;
        try {
            const reviews = await this.client.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { owner: this.owner, repo: this.repo, pull_number: pull.number, per_page: 100 });
            anyReview = reviews.length > 0;
            reviewed = new Set(reviews.flatMap((review) => (review.user ? [review.user.login.toLowerCase()] : [])));
        }
        catch (error) {
            // Without the reviews, asking could notify someone who already reviewed: ask nobody.
            this.warnFailure(error, `read the reviews of #${pull.number} to request the missing ones`);
            return;
        }
        const alreadyReviewed = reviewers.filter((login) => reviewed.has(login.toLowerCase()));
        reviewers = reviewers.filter((login) => !reviewed.has(login.toLowerCase()));
        if (anyReview)
            teams = [];
        if (reviewers.length === 0 && teams.length === 0) {
            this.log.debug(`#${pull.number} has reviews from ${alreadyReviewed.join(', ') || 'others'}; ` +
                'no review request is missing.');
            return;
        }
        const named = [...reviewers, ...teams.map((slug) => `team ${slug}`)].join(', ');
        if (await this.postReviewRequest(pull, reviewers, teams, { justCreated: false })) {
            this.log.info(`Requested reviews on #${pull.number} from ${named}: they were configured but not ` +
                'requested on the existing pull request (an earlier run did not get to ask them).');
        }
    }
    /**
     * One review request; a refusal is a warning, the PR stands. True when GitHub accepted it. Only
     * a PR created a moment ago is waited for ("Could not resolve to a node", `eventually`).
     */
    async postReviewRequest(pull, reviewers, teamReviewers, { justCreated }) {
        if (reviewers.length === 0 && teamReviewers.length === 0)
            return false;
        const send = () => this.client.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', {
            owner: this.owner,
            repo: this.repo,
            pull_number: pull.number,
            reviewers,
            team_reviewers: teamReviewers
        });
        try {
            await (justCreated ? this.eventually(send) : send());
            return true;
        }
        catch (error) {
            this.warnFailure(error, `request reviews on #${pull.number}`);
            return false;
        }
    }
    async enableAutoMerge(pull, method) {
        const mutation = `mutation($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!) {
  enablePullRequestAutoMerge(input: {pullRequestId: $pullRequestId, mergeMethod: $mergeMethod}) {
    pullRequest { number autoMergeRequest { mergeMethod } }
  }
}`;
        try {
            await this.eventually(() => this.client.graphql(mutation, {
                pullRequestId: pull.nodeId,
                mergeMethod: method.toUpperCase()
            }));
            this.log.info(`Auto-merge (${method}) is on for #${pull.number}.`);
        }
        catch (error) {
            const message = graphqlMessage(error);
            switch (autoMergeRefusal(message)) {
                case 'not-allowed':
                    this.log.warning(`Auto-merge is not allowed in ${this.slug}, so #${pull.number} waits for a manual merge. ` +
                        `Turn on Settings → General → Pull Requests → "Allow auto-merge" in ${this.slug}, ` +
                        'or set auto-merge: false.');
                    return;
                case 'clean-status':
                    this.log.warning(`#${pull.number} can already be merged and nothing is pending, so GitHub does not queue ` +
                        'auto-merge. Merge it yourself, or protect the base branch with required status ' +
                        'checks or reviews so auto-merge has something to wait for.');
                    return;
                case 'not-ready':
                    this.log.warning(`GitHub could not enable auto-merge on #${pull.number} yet (${message}). Re-run the job ` +
                        'once its checks have started, or merge it yourself.');
                    return;
                default:
                    throw this.translate(error, `enable auto-merge on #${pull.number}`);
            }
        }
    }
    async closeSuperseded(older, newer, base) {
        const target = { owner: this.owner, repo: this.repo };
        try {
            await this.client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
                ...target,
                issue_number: older.number,
                body: `Superseded by #${newer.number}.`
            });
            await this.client.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
                ...target,
                pull_number: older.number,
                state: 'closed'
            });
        }
        catch (error) {
            throw this.translate(error, `close the superseded pull request #${older.number}`);
        }
        const outcome = await this.deleteBranchIfOwn(base, older.headRef);
        this.log.info(outcome === 'kept'
            ? `Closed #${older.number}; kept ${older.headRef}, which has commits of others.`
            : `Closed #${older.number} (superseded by #${newer.number})` +
                (outcome === 'deleted' ? ' and deleted its branch.' : '; its branch was already gone.'));
    }
    /**
     * Right after a PR is created, follow-up calls can fail with "Could not resolve to a node" while
     * GitHub catches up; retry those a few times.
     */
    async eventually(call) {
        for (let attempt = 1;; attempt++) {
            try {
                return await call();
            }
            catch (error) {
                const message = httpFailure(error)?.message ?? graphqlMessage(error);
                if (attempt >= this.maxAttempts || !/Could not resolve to a node/i.test(message))
                    throw error;
                await this.sleep(this.backoffMs(attempt));
            }
        }
    }
    // ---- errors ---------------------------------------------------------------------------------
    warnFailure(error, what) {
        const translated = this.translate(error, what);
        // The pull request is in place; only a hint about access is worth adding to the warning.
        const hint = translated instanceof errors/* ActionError */.lZ && translated.hint && translated.hint !== RERUN_HINT
            ? ` ${translated.hint}`
            : '';
        this.log.warning(`${translated.message}${hint}`);
    }
    foreignBranchError(branch, commit, why) {
        const what = commit
            ? `carries commit ${commit.sha.slice(0, 7)} "${commit.message.split('\n')[0]}" by ${commit.author}, which gitops-image-bump did not make`
            : (why ?? 'has more commits than can be checked');
        return new errors/* ActionError */.lZ(`The bump branch ${branch} in ${this.slug} ${what}; it is left untouched.`, {
            hint: `Merge or close its pull request and delete ${branch}, then re-run; or change the ` +
                '`branch` input so this run uses a new branch.'
        });
    }
    staleToError(error, branch) {
        if (!(error instanceof StaleBranch))
            return error;
        return new errors/* ActionError */.lZ(`${branch} in ${this.slug} kept moving while ${this.options.valuesFile} was committed ` +
            `(${error.why}); gave up after ${this.maxAttempts} attempts.`, { hint: 'Another job is writing the same branch. Re-run this job once it is done.' });
    }
    /** Turns a failed request into an ActionError that says what to do. */
    translate(error, what) {
        if (error instanceof errors/* ActionError */.lZ)
            return error;
        const failure = httpFailure(error);
        if (failure === undefined) {
            const graphql = graphqlMessage(error);
            if (graphql !== '') {
                return new errors/* ActionError */.lZ(`GitHub refused to ${what} in ${this.slug}: ${graphql}`, {
                    hint: 'Check that gitops-token has contents:write and pull-requests:write there.',
                    cause: error
                });
            }
            return new errors/* ActionError */.lZ(`Could not reach GitHub to ${what} in ${this.slug}: ${(0,errors/* errorMessage */.gJ)(error)}`, {
                hint: 'Check github-api-url and the runner network. A re-run finishes what this run started.',
                cause: error
            });
        }
        const { status, message, headers } = failure;
        const accepted = headers['x-accepted-github-permissions'];
        if (status === 401) {
            return new errors/* ActionError */.lZ(`GitHub rejected gitops-token (401 ${message}) trying to ${what}.`, {
                hint: 'The token is wrong, revoked or expired (GitHub App tokens last one hour). Pass a valid ' +
                    `token with contents:write and pull-requests:write on ${this.slug}.`,
                cause: error
            });
        }
        if (status === 403 && /not permitted to create or approve pull requests/i.test(message)) {
            return new errors/* ActionError */.lZ(`GitHub Actions is not permitted to create pull requests in ${this.slug} (403: ${message}).`, {
                hint: `In ${this.slug} (or its organization) turn on Settings → Actions → General → Workflow ` +
                    'permissions → "Allow GitHub Actions to create and approve pull requests", or pass a ' +
                    `GitHub App installation token as gitops-token. The branch ${this.options.branch} is ` +
                    'already pushed; a re-run opens the pull request.',
                cause: error
            });
        }
        if ((status === 403 || status === 429) &&
            (/rate limit/i.test(message) || String(headers['x-ratelimit-remaining']) === '0')) {
            return new errors/* ActionError */.lZ(`GitHub's rate limit stopped the request to ${what} in ${this.slug}.`, {
                hint: 'Wait for the limit to reset and re-run the job; a GitHub App token has higher limits ' +
                    'than GITHUB_TOKEN.',
                cause: error
            });
        }
        if (status === 403) {
            const needed = typeof accepted === 'string' && accepted !== '' ? accepted : undefined;
            return new errors/* ActionError */.lZ(`gitops-token may not ${what} in ${this.slug} (403: ${message})` +
                (needed ? `; it needs ${describeAcceptedPermissions(needed)}.` : '.'), {
                hint: needed
                    ? `Grant the token ${describeAcceptedPermissions(needed)} on ${this.slug} ` +
                        '(fine-grained PAT or GitHub App permissions), then re-run.'
                    : `Give the token contents:write and pull-requests:write on ${this.slug}, then re-run.`,
                cause: error
            });
        }
        if (status === 404) {
            return new errors/* ActionError */.lZ(`The GitOps repository ${this.slug} is not visible to gitops-token (404 Not Found trying to ${what}).`, {
                hint: 'GitHub answers 404 when a token cannot see a private repository. Check ' +
                    `gitops-repository, and give the token in gitops-token access to ${this.slug} with ` +
                    'contents: write and pull requests: write (a fine-grained PAT or a GitHub App ' +
                    "installation). The workflow's own GITHUB_TOKEN only reaches its own repository.",
                cause: error
            });
        }
        return new errors/* ActionError */.lZ(`GitHub answered ${status} trying to ${what} in ${this.slug}: ${message}`, {
            hint: RERUN_HINT,
            cause: error
        });
    }
}
function graphqlMessage(error) {
    if (error === null || typeof error !== 'object' || !('errors' in error))
        return '';
    const errors = error.errors;
    if (!Array.isArray(errors))
        return '';
    return errors
        .map((item) => item !== null && typeof item === 'object' && 'message' in item ? String(item.message) : '')
        .filter((message) => message !== '')
        .join('; ');
}
function toOpenPull(data) {
    return {
        number: data.number,
        url: data.html_url,
        nodeId: data.node_id,
        headRef: data.head.ref,
        headRepository: data.head.repo?.full_name ?? null,
        title: data.title,
        body: data.body ?? null,
        labels: data.labels.map((label) => label.name ?? '').filter((name) => name !== ''),
        autoMerge: data.auto_merge?.merge_method ?? null,
        author: data.user?.login ?? null,
        requestedReviewers: (data.requested_reviewers ?? []).map((reviewer) => reviewer.login),
        requestedTeams: (data.requested_teams ?? []).map((team) => team.slug)
    };
}


/***/ })

};

//# sourceMappingURL=16.index.js.map