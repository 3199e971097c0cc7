export const id = 563;
export const ids = [563];
export const modules = {

/***/ 4563:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   chooseImageCreated: () => (/* binding */ chooseImageCreated),
/* harmony export */   imageCreated: () => (/* binding */ imageCreated)
/* harmony export */ });
/* harmony import */ var _core_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(828);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/**
 * `org.opencontainers.image.created`: a time that stays the same each time one commit is built,
 * so a rebuild of an unchanged commit is a full cache hit instead of a new image per run.
 */


/** The last second RFC 3339 can write with a four-digit year. */
const MAX_EPOCH_SECONDS = 253_402_300_799;
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
/**
 * The created time: `SOURCE_DATE_EPOCH` (the reproducible-builds convention), else the commit
 * time of `sha` from a push payload that names it as its head commit, else from git, else the
 * clock. Pure; throws an ActionError for a `SOURCE_DATE_EPOCH` that is not whole seconds.
 */
function chooseImageCreated(facts) {
    if (facts.sourceDateEpoch !== undefined && facts.sourceDateEpoch !== '') {
        const seconds = epochSeconds(facts.sourceDateEpoch);
        if (seconds === undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`SOURCE_DATE_EPOCH "${facts.sourceDateEpoch}" is not a time in whole seconds since 1970-01-01 UTC.`, {
                hint: 'Set it to the output of `date +%s` (e.g. `git log -1 --format=%ct`), or unset it to date the image by its commit.'
            });
        }
        return { time: utcSeconds(seconds * 1000), source: 'SOURCE_DATE_EPOCH' };
    }
    const pushed = headCommitTime(facts.payload, facts.sha);
    if (pushed !== undefined)
        return { time: utcSeconds(pushed), source: 'push event' };
    const committed = facts.gitCommitTime === undefined ? undefined : epochSeconds(facts.gitCommitTime.trim());
    if (committed !== undefined)
        return { time: utcSeconds(committed * 1000), source: 'git' };
    return { time: utcSeconds(facts.now.getTime()), source: 'clock' };
}
/**
 * The created time of the image built for this run (see `chooseImageCreated`). Git is asked only
 * when neither `SOURCE_DATE_EPOCH` nor the push payload answers; a checkout without the commit,
 * or no git at all, leaves the clock.
 */
async function imageCreated(context, options = {}) {
    const facts = {
        sourceDateEpoch: (options.env ?? process.env).SOURCE_DATE_EPOCH,
        sha: context.sha,
        payload: context.payload,
        now: (options.now ?? (() => new Date()))()
    };
    let created = chooseImageCreated(facts);
    if (created.source === 'clock') {
        const git = options.git ?? (await __webpack_require__.e(/* import() */ 582).then(__webpack_require__.bind(__webpack_require__, 4582))).createGitRunner(context.workspace);
        created = chooseImageCreated({ ...facts, gitCommitTime: await commitTime(git, context.sha) });
    }
    _core_js__WEBPACK_IMPORTED_MODULE_0__.info(`org.opencontainers.image.created: ${created.time} (${SOURCE_TEXT[created.source]}).`);
    return created.time;
}
const SOURCE_TEXT = {
    SOURCE_DATE_EPOCH: 'from SOURCE_DATE_EPOCH',
    'push event': 'the commit time of the pushed head commit',
    git: 'the commit time git reports for the built commit',
    clock: 'the current time: no SOURCE_DATE_EPOCH, push payload or checkout dates the commit'
};
async function commitTime(git, sha) {
    try {
        // showSignature off: a user's log.showSignature=true would print gpg lines before the time.
        const result = await git(['-c', 'log.showSignature=false', 'log', '-1', '--format=%ct', sha]);
        if (result.exitCode === 0)
            return result.stdout;
        _core_js__WEBPACK_IMPORTED_MODULE_0__.debug(`git log ${sha} failed: ${result.stderr.trim()}`);
    }
    catch (error) {
        _core_js__WEBPACK_IMPORTED_MODULE_0__.debug(`git could not run: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}`);
    }
    return undefined;
}
/** `head_commit.timestamp` of a push whose head commit is `sha`, in ms since the epoch. */
function headCommitTime(payload, sha) {
    const head = payload.head_commit;
    if (head === null || typeof head !== 'object')
        return undefined;
    const { id, timestamp } = head;
    if (id !== sha || typeof timestamp !== 'string' || !RFC_3339.test(timestamp))
        return undefined;
    const ms = Date.parse(timestamp);
    return Number.isNaN(ms) ? undefined : ms;
}
function epochSeconds(text) {
    if (!/^[0-9]{1,12}$/.test(text))
        return undefined;
    const seconds = Number(text);
    return seconds <= MAX_EPOCH_SECONDS ? seconds : undefined;
}
/** RFC 3339 in UTC, cut to whole seconds so every source writes the same form. */
function utcSeconds(ms) {
    return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}


/***/ })

};

//# sourceMappingURL=563.index.js.map