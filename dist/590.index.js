export const id = 590;
export const ids = [590];
export const modules = {

/***/ 6590:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient),
/* harmony export */   tokenKindOf: () => (/* binding */ tokenKindOf)
/* harmony export */ });
/* unused harmony export DO_NOT_RETRY */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3360);
/* harmony import */ var _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5555);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6856);
/* harmony import */ var bottleneck__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2203);
/* harmony import */ var bottleneck__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(bottleneck__WEBPACK_IMPORTED_MODULE_2__);
/**
 * The Octokit client of the GitOps repository: `@actions/github`'s REST client with the retry and
 * throttling plugins, configured explicitly (the defaults of both plugins are wrong for us, see
 * /work/shared/reference/github-api.md §2).
 */





/**
 * Reports every failed attempt that plugin-retry will send again. It is registered before the retry
 * plugin, so its error hook runs inside the retry loop and sees each attempt, not only the last.
 */
function retryReporter(octokit, options) {
    const { retryReporter: reporter } = options;
    if (reporter === undefined)
        return;
    octokit.hook.error('request', (error, request) => {
        const retryCount = request.request?.retryCount;
        reporter(error, {
            method: request.method,
            url: request.url,
            retryCount: typeof retryCount === 'number' ? retryCount : 0
        });
        throw error;
    });
}
const GitHubWithPlugins = _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__/* .GitHub */ .gq.plugin(retryReporter, _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_3__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_4__/* .throttling */ .A);
/**
 * Statuses plugin-retry must not resend. 4xx answers are final, 409 (stale blob sha) needs a re-read
 * of the branch, not the same request again, and 429 belongs to the throttling plugin, which honours
 * `retry-after`. Everything else (500, 502, 503, 504, connection errors) is retried with backoff.
 */
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];
/**
 * `ghp_` (classic) and `github_pat_` (fine-grained) are personal access tokens; `ghs_` are
 * installation tokens, which covers GitHub App tokens and `GITHUB_TOKEN`.
 */
function tokenKindOf(token) {
    if (token.startsWith('ghp_') || token.startsWith('github_pat_'))
        return 'pat';
    if (token.startsWith('ghs_'))
        return 'app';
    return 'unknown';
}
/** Builds the GitOps client. No request is sent here. */
function createGitHubClient(options) {
    const unit = options.delayUnitMs ?? 1000;
    const throttle = options.throttle ?? {};
    const maxRetries = throttle.maxRetries ?? 3;
    const maxWaitSeconds = throttle.maxWaitSeconds ?? 180;
    const report = options.onRetryWait ?? logRetryWait;
    const retries = options.retries ?? 3;
    const onLimit = (reason) => (retryAfter, request, _octokit, retryCount) => {
        if (retryCount >= maxRetries || retryAfter > maxWaitSeconds)
            return false;
        report({
            reason,
            method: request.method,
            url: request.url,
            status: undefined,
            attempt: retryCount + 1,
            waitMs: retryAfter * unit
        });
        return true;
    };
    const groups = throttle.writeMinTimeMs === undefined && throttle.notificationMinTimeMs === undefined
        ? {}
        : {
            // The plugin's own groups are process-global with fixed gaps; these replace them.
            write: new (bottleneck__WEBPACK_IMPORTED_MODULE_2___default().Group)({
                maxConcurrent: 1,
                minTime: throttle.writeMinTimeMs ?? 1000
            }),
            notifications: new (bottleneck__WEBPACK_IMPORTED_MODULE_2___default().Group)({
                maxConcurrent: 1,
                minTime: throttle.notificationMinTimeMs ?? 3000
            })
        };
    const settings = {
        baseUrl: options.baseUrl.replace(/\/+$/, ''),
        request: {
            ..._actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__/* .defaults */ .NT.request,
            fetch: withTimeout(_actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__/* .defaults */ .NT.request?.fetch ?? fetch, options.requestTimeoutMs ?? 60_000)
        },
        userAgent: 'gitops-image-bump',
        retry: {
            doNotRetry: [...DO_NOT_RETRY],
            retries,
            retryAfterBaseValue: unit
        },
        throttle: throttle.enabled === false
            ? { enabled: false }
            : {
                ...groups,
                retryAfterBaseValue: unit,
                fallbackSecondaryRateRetryAfter: 60,
                onSecondaryRateLimit: onLimit('secondary-rate-limit'),
                onRateLimit: onLimit('rate-limit')
            },
        retryReporter: (error, request) => {
            const status = statusOf(error);
            const retryCount = request.retryCount;
            // plugin-retry's own rule: any status ≥ 400 outside doNotRetry (a dropped connection is 500).
            const retryable = status !== undefined &&
                status >= 400 &&
                !DO_NOT_RETRY.includes(status);
            if (retryable && retryCount < retries) {
                report({
                    reason: 'server-error',
                    method: request.method,
                    url: request.url,
                    // A timeout or dropped connection is a 500 without a response: GitHub said nothing.
                    status: hasResponse(error) ? status : undefined,
                    attempt: retryCount + 1,
                    waitMs: (retryCount + 1) ** 2 * unit
                });
            }
        },
        log: {
            // Octokit logs deprecations and plugin problems here; route them to the job log.
            debug: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.debug(message),
            info: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.debug(message),
            warn: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.warning(message),
            error: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.warning(message)
        }
    };
    // A dry run may go without a token (public repositories); getOctokitOptions insists on one.
    return new GitHubWithPlugins(options.token === '' ? settings : (0,_actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__/* .getOctokitOptions */ .EG)(options.token, settings));
}
/** `fetch` that gives up after `ms`, keeping any signal the caller passed. */
function withTimeout(base, ms) {
    return (url, init) => {
        const timeout = AbortSignal.timeout(ms);
        const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
        return base(url, { ...init, signal });
    };
}
function hasResponse(error) {
    return (error !== null &&
        typeof error === 'object' &&
        'response' in error &&
        error.response !== undefined);
}
function statusOf(error) {
    if (error !== null && typeof error === 'object' && 'status' in error) {
        return typeof error.status === 'number' ? error.status : undefined;
    }
    return undefined;
}
function logRetryWait(wait) {
    const why = wait.reason === 'server-error'
        ? wait.status === undefined
            ? 'The connection to GitHub failed'
            : `GitHub answered ${wait.status}`
        : wait.reason === 'secondary-rate-limit'
            ? 'GitHub asked to slow down (secondary rate limit)'
            : 'the GitHub API rate limit is used up';
    _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(`${why} for ${wait.method} ${wait.url}; retry ${wait.attempt} in ${Math.ceil(wait.waitMs / 1000)} s.`);
}


/***/ })

};

//# sourceMappingURL=590.index.js.map