export const id = 381;
export const ids = [381];
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


/***/ })

};

//# sourceMappingURL=381.index.js.map