export const id = 590;
export const ids = [590,381];
export const modules = {

/***/ 381:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createRequestClient: () => (/* binding */ createRequestClient),
/* harmony export */   githubFetch: () => (/* binding */ githubFetch),
/* harmony export */   userAgent: () => (/* binding */ userAgent)
/* harmony export */ });
/* harmony import */ var _actions_http_client_lib_proxy__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9783);
/* harmony import */ var _octokit_core__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4730);
/* harmony import */ var _node_fetch_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4350);
/**
 * How the action's GitHub clients reach GitHub: the small `fetch` of src/node-fetch.ts (not Node's
 * own, whose first use costs about 50 ms), a time limit on every request, and the runner's proxy
 * when one applies to the request's URL (`https_proxy`/`http_proxy` and `no_proxy`, judged by
 * `@actions/http-client`'s rules, as other actions do). The proxy client (undici's, a megabyte of
 * bundled JavaScript) is loaded only when a request goes through a proxy.
 */



/** One proxy client per proxied origin, created on its first request. */
const proxyFetches = new Map();
/**
 * `fetch` that gives up after `timeoutMs` (keeping any signal the caller passed) and goes through
 * the proxy configured for the URL, if any.
 */
function githubFetch(timeoutMs) {
    return async (url, init) => {
        const timeout = AbortSignal.timeout(timeoutMs);
        const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
        const target = new URL(url);
        const send = (0,_actions_http_client_lib_proxy__WEBPACK_IMPORTED_MODULE_0__/* .getProxyUrl */ .s)(target) ? await proxyFetch(target) : _node_fetch_js__WEBPACK_IMPORTED_MODULE_1__/* .nodeFetch */ .v;
        return send(url, { ...init, signal });
    };
}
function proxyFetch(target) {
    let pending = proxyFetches.get(target.origin);
    if (pending === undefined) {
        pending = (async () => {
            const [{ HttpClient }, undici] = await Promise.all([
                Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(779)]).then(__webpack_require__.bind(__webpack_require__, 2779)),
                __webpack_require__.e(/* import() */ 752).then(__webpack_require__.t.bind(__webpack_require__, 6752, 19))
            ]);
            const dispatcher = new HttpClient().getAgentDispatcher(target.href);
            return (url, init) => undici.fetch(url, {
                ...init,
                dispatcher
            });
        })();
        proxyFetches.set(target.origin, pending);
    }
    return pending;
}
/**
 * The User-Agent of every request; with the runner's orchestration id when it sets one, as
 * `@actions/github` does, so GitHub can attribute the requests to the job.
 */
function userAgent(env = process.env) {
    const orchestrationId = env.ACTIONS_ORCHESTRATION_ID?.trim();
    return orchestrationId
        ? `gitops-image-bump actions_orchestration_id/${orchestrationId.replace(/[^a-z0-9_.-]/gi, '_')}`
        : 'gitops-image-bump';
}
/**
 * A bare Octokit (`octokit.request` only: no endpoint methods, no plugins), for the one compare
 * request of the skip decision. The GitOps flow uses the full client of src/octokit.ts.
 */
function createRequestClient(options) {
    return new _octokit_core__WEBPACK_IMPORTED_MODULE_2__/* .Octokit */ .E({
        auth: options.token || undefined,
        baseUrl: options.baseUrl.replace(/\/+$/, ''),
        userAgent: userAgent(),
        request: { fetch: githubFetch(options.requestTimeoutMs ?? 60_000) }
    });
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


/***/ }),

/***/ 6590:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ACTION_THROTTLE: () => (/* binding */ ACTION_THROTTLE),
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient),
/* harmony export */   tokenKindOf: () => (/* binding */ tokenKindOf)
/* harmony export */ });
/* harmony import */ var _core_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(828);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _github_http_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(381);
/* harmony import */ var _octokit_core__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4730);
/* harmony import */ var _octokit_plugin_paginate_rest__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3779);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4475);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3251);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(bottleneck_light_js__WEBPACK_IMPORTED_MODULE_3__);
/**
 * The Octokit client of the GitOps repository: @octokit/core (requests by route,
 * `client.request('GET /repos/{owner}/{repo}', …)`, typed all the same) with the paginate, retry
 * and throttling plugins, configured explicitly (the defaults of both plugins are wrong for us, see
 * /work/shared/reference/github-api.md §2). Requests go through src/github-http.ts (proxy, time
 * limit).
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
// No endpoint-methods plugin: its table of every REST endpoint is 100 KB the action would parse
// before its first request, for the 14 routes it uses.
const GitHubWithPlugins = _octokit_core__WEBPACK_IMPORTED_MODULE_4__/* .Octokit */ .E.plugin(_octokit_plugin_paginate_rest__WEBPACK_IMPORTED_MODULE_5__/* .paginateRest */ .ud, retryReporter, _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_6__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_7__/* .throttling */ .A);
/**
 * The spacing between requests the action runs with. One bump makes three or four writes: spacing
 * them a second apart (the throttling plugin's default, meant for long series of writes) would
 * only slow the step down. Secondary rate limits are still honoured through retry-after.
 */
const ACTION_THROTTLE = { writeMinTimeMs: 0, notificationMinTimeMs: 0 };
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
            write: new (bottleneck_light_js__WEBPACK_IMPORTED_MODULE_3___default().Group)({
                maxConcurrent: 1,
                minTime: throttle.writeMinTimeMs ?? 1000
            }),
            notifications: new (bottleneck_light_js__WEBPACK_IMPORTED_MODULE_3___default().Group)({
                maxConcurrent: 1,
                minTime: throttle.notificationMinTimeMs ?? 3000
            })
        };
    const settings = {
        auth: options.token,
        baseUrl: options.baseUrl.replace(/\/+$/, ''),
        request: { fetch: (0,_github_http_js__WEBPACK_IMPORTED_MODULE_2__.githubFetch)(options.requestTimeoutMs ?? 60_000) },
        userAgent: (0,_github_http_js__WEBPACK_IMPORTED_MODULE_2__.userAgent)(),
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
            const status = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .httpStatus */ .nG)(error);
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
                    status: (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .hasResponse */ .m_)(error) ? status : undefined,
                    attempt: retryCount + 1,
                    waitMs: (retryCount + 1) ** 2 * unit
                });
            }
        },
        log: {
            // Octokit logs deprecations and plugin problems here; route them to the job log.
            debug: (message) => _core_js__WEBPACK_IMPORTED_MODULE_0__.debug(message),
            info: (message) => _core_js__WEBPACK_IMPORTED_MODULE_0__.debug(message),
            warn: (message) => _core_js__WEBPACK_IMPORTED_MODULE_0__.warning(message),
            error: (message) => _core_js__WEBPACK_IMPORTED_MODULE_0__.warning(message)
        }
    };
    return new GitHubWithPlugins(settings);
}
function logRetryWait(wait) {
    const why = wait.reason === 'server-error'
        ? wait.status === undefined
            ? 'The connection to GitHub failed'
            : `GitHub answered ${wait.status}`
        : wait.reason === 'secondary-rate-limit'
            ? 'GitHub asked to slow down (secondary rate limit)'
            : 'the GitHub API rate limit is used up';
    _core_js__WEBPACK_IMPORTED_MODULE_0__.info(`${why} for ${wait.method} ${wait.url}; retry ${wait.attempt} in ${Math.ceil(wait.waitMs / 1000)} s.`);
}


/***/ })

};

//# sourceMappingURL=590.index.js.map