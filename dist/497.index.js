export const id = 497;
export const ids = [497];
export const modules = {

/***/ 4497:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createEcrClient: () => (/* binding */ createEcrClient),
/* harmony export */   ensureRepository: () => (/* binding */ ensureRepository),
/* harmony export */   findImageDigest: () => (/* binding */ findImageDigest),
/* harmony export */   findRepository: () => (/* binding */ findRepository),
/* harmony export */   findReusableImage: () => (/* binding */ findReusableImage),
/* harmony export */   getRegistryLogin: () => (/* binding */ getRegistryLogin),
/* harmony export */   isTagImmutable: () => (/* binding */ isTagImmutable),
/* harmony export */   translateEcrError: () => (/* binding */ translateEcrError),
/* harmony export */   verifyImage: () => (/* binding */ verifyImage),
/* harmony export */   wildcardMatches: () => (/* binding */ wildcardMatches)
/* harmony export */ });
/* harmony import */ var _core_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(828);
/* harmony import */ var _aws_sdk_client_ecr__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6621);
/* harmony import */ var _aws_sdk_client_ecr__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9093);
/* harmony import */ var _aws_sdk_client_ecr__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(502);
/* harmony import */ var _aws_sdk_client_ecr__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1946);
/* harmony import */ var _aws_sdk_client_ecr__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8421);
/* harmony import */ var _aws_sdk_client_ecr__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(6939);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _lifecycle_policy_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1346);
/**
 * The ECR half of the image step, over `@aws-sdk/client-ecr`: make sure the repository exists,
 * get the registry login, and look images up. AWS errors become ActionErrors that say what to do
 * (which IAM action is missing, that credentials must be configured first, …).
 *
 * The SDK honours `AWS_ENDPOINT_URL_ECR` / `AWS_ENDPOINT_URL`, which is how the tests and
 * LocalStack-style setups point it elsewhere; nothing here reimplements that.
 */




/** The ECR client: adaptive retries, so throttling slows the calls down instead of failing them. */
function createEcrClient(options) {
    return new _aws_sdk_client_ecr__WEBPACK_IMPORTED_MODULE_3__/* .ECRClient */ .S({
        ...(options.region ? { region: options.region } : {}),
        retryMode: 'adaptive',
        maxAttempts: options.maxAttempts ?? 5,
        ...(options.retryStrategy ? { retryStrategy: options.retryStrategy } : {})
    });
}
/**
 * Whether `tag` is immutable in the repository: pushing it again would fail, so an existing image
 * behind it is reused, never rebuilt. `IMMUTABLE_WITH_EXCLUSION` makes every tag immutable except
 * those matching an exclusion filter; `MUTABLE_WITH_EXCLUSION` makes only the matching tags
 * immutable. A filter is a WILDCARD pattern over the whole tag (`*`: any run of characters,
 * none included; case-sensitive). When unsure (a mode or filter type ECR may add later) the
 * answer is mutable: a push of a tag that proves immutable fails loudly, while reusing a mutable
 * tag would silently keep an old image.
 */
function isTagImmutable(repository, tag) {
    const filters = repository.tagMutabilityExclusionFilters;
    const matches = filters.some((filter) => filter.filterType === 'WILDCARD' && wildcardMatches(filter.filter ?? '', tag));
    switch (repository.tagMutability) {
        case 'IMMUTABLE':
            return true;
        case 'IMMUTABLE_WITH_EXCLUSION':
            return !matches && filters.every((filter) => filter.filterType === 'WILDCARD');
        case 'MUTABLE_WITH_EXCLUSION':
            return matches;
        default:
            return false;
    }
}
/**
 * Whether `text` matches the wildcard `pattern` as a whole: `*` matches any run of characters
 * (none included), every other character only itself. Linear backtracking to the last `*`, so a
 * pattern with many stars cannot take exponential time.
 */
function wildcardMatches(pattern, text) {
    let p = 0;
    let t = 0;
    let star = -1;
    let resume = 0;
    while (t < text.length) {
        if (p < pattern.length && pattern[p] === '*') {
            star = p++;
            resume = t;
        }
        else if (p < pattern.length && pattern[p] === text[t]) {
            p++;
            t++;
        }
        else if (star >= 0) {
            p = star + 1;
            t = ++resume;
        }
        else {
            return false;
        }
    }
    while (pattern[p] === '*')
        p++;
    return p === pattern.length;
}
/**
 * Describes the repository and creates it, with the requested settings, only when it is missing.
 * Options are checked before any call.
 */
async function ensureRepository(client, options) {
    if (options.kmsKey && options.encryption !== 'KMS') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ('repository-kms-key is set but repository-encryption is not KMS.', {
            hint: 'Set repository-encryption: KMS together with repository-kms-key, or leave the key empty.'
        });
    }
    const lifecyclePolicy = options.lifecyclePolicy
        ? (0,_lifecycle_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .checkLifecyclePolicy */ .h)(options.lifecyclePolicy)
        : undefined;
    const name = options.repositoryName;
    const subject = await describeSubject(client, name, options.registryId);
    const existing = await describeRepository(client, name, options.registryId, subject);
    if (existing) {
        _core_js__WEBPACK_IMPORTED_MODULE_0__.info(`ECR repository ${existing.repositoryUri} exists.`);
        return ensured(existing, false);
    }
    if (!options.create) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`ECR repository "${name}" does not exist in ${subject.registryText}, and create-repository is false.`, {
            hint: 'Create the repository first, or set create-repository: true (the default); check ecr-repository, registry-id and aws-region for typos.'
        });
    }
    await options.beforeCreate?.();
    let repository;
    try {
        const output = await client.send(new _aws_sdk_client_ecr__WEBPACK_IMPORTED_MODULE_4__/* .CreateRepositoryCommand */ .W({
            repositoryName: name,
            registryId: options.registryId,
            imageTagMutability: options.tagMutability,
            imageScanningConfiguration: { scanOnPush: options.scanOnPush },
            encryptionConfiguration: {
                encryptionType: options.encryption,
                ...(options.encryption === 'KMS' && options.kmsKey ? { kmsKey: options.kmsKey } : {})
            },
            tags: Object.entries(options.tags).map(([Key, Value]) => ({ Key, Value }))
        }));
        repository = output.repository;
    }
    catch (error) {
        if (errorName(error) !== 'RepositoryAlreadyExistsException') {
            throw translateEcrError(error, { action: 'CreateRepository', ...subject });
        }
        // A concurrent run created it between our describe and create.
        const raced = await describeRepository(client, name, options.registryId, subject);
        if (raced)
            return ensured(raced, false);
        throw translateEcrError(error, { action: 'CreateRepository', ...subject });
    }
    if (!repository?.repositoryUri) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`ECR created repository "${name}" but did not return its URI.`);
    }
    _core_js__WEBPACK_IMPORTED_MODULE_0__.info(`Created ECR repository ${repository.repositoryUri} (tags ${options.tagMutability}, scan on push ${options.scanOnPush ? 'on' : 'off'}, ${options.encryption} encryption).`);
    if (lifecyclePolicy) {
        try {
            await client.send(new _aws_sdk_client_ecr__WEBPACK_IMPORTED_MODULE_5__/* .PutLifecyclePolicyCommand */ .R({
                repositoryName: name,
                registryId: options.registryId,
                lifecyclePolicyText: lifecyclePolicy
            }));
            _core_js__WEBPACK_IMPORTED_MODULE_0__.info(`Applied the lifecycle policy to ${name}.`);
        }
        catch (error) {
            const translated = translateEcrError(error, { action: 'PutLifecyclePolicy', ...subject });
            // A re-run finds the repository and does not retry the policy, so say how to finish.
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`Created ECR repository "${name}", but its lifecycle policy was not applied: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(translated)}`, {
                hint: `${translated instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ && translated.hint ? `${translated.hint} ` : ''}Then apply it once with \`aws ecr put-lifecycle-policy --repository-name ${name} --lifecycle-policy-text file://policy.json\`; re-runs will not retry it because the repository now exists.`,
                cause: error
            });
        }
    }
    return ensured(repository, true);
}
async function describeSubject(client, repositoryName, registryId) {
    const region = await client.config.region().catch(() => '');
    const registry = registryId ? `registry ${registryId}` : "this account's registry";
    return {
        repositoryName,
        registryId,
        region,
        registryText: region ? `${registry} (${region})` : registry
    };
}
async function describeRepository(client, repositoryName, registryId, subject) {
    try {
        const output = await client.send(new _aws_sdk_client_ecr__WEBPACK_IMPORTED_MODULE_6__/* .DescribeRepositoriesCommand */ .p({ repositoryNames: [repositoryName], registryId }));
        return output.repositories?.find((repository) => repository.repositoryUri);
    }
    catch (error) {
        if (errorName(error) === 'RepositoryNotFoundException')
            return undefined;
        throw translateEcrError(error, { action: 'DescribeRepositories', ...subject });
    }
}
/** The repository if it exists, read only (a dry run); undefined when it does not. */
async function findRepository(client, repositoryName, registryId) {
    const subject = await describeSubject(client, repositoryName, registryId);
    const repository = await describeRepository(client, repositoryName, registryId, subject);
    return repository ? ensured(repository, false) : undefined;
}
function ensured(repository, created) {
    const repositoryUri = repository.repositoryUri ?? '';
    return {
        created,
        repositoryUri,
        registry: repositoryUri.split('/')[0] ?? '',
        registryId: repository.registryId ?? '',
        tagMutability: repository.imageTagMutability ?? 'MUTABLE',
        tagMutabilityExclusionFilters: repository.imageTagMutabilityExclusionFilters ?? []
    };
}
/** The Docker login for the registry, from `GetAuthorizationToken`. The password is masked at once. */
async function getRegistryLogin(client, registryId) {
    const subject = await describeSubject(client, undefined, registryId);
    let data;
    try {
        const output = await client.send(
        // registryIds is deprecated for permissions, but it still selects the proxyEndpoint of
        // another account's registry, which a cross-account push needs.
        new _aws_sdk_client_ecr__WEBPACK_IMPORTED_MODULE_7__/* .GetAuthorizationTokenCommand */ .E(registryId ? { registryIds: [registryId] } : {}));
        data = output.authorizationData?.[0];
    }
    catch (error) {
        throw translateEcrError(error, { action: 'GetAuthorizationToken', ...subject });
    }
    const token = data?.authorizationToken;
    if (token)
        _core_js__WEBPACK_IMPORTED_MODULE_0__.setSecret(token);
    const decoded = token ? Buffer.from(token, 'base64').toString('utf8') : '';
    const separator = decoded.indexOf(':');
    const password = separator > 0 ? decoded.slice(separator + 1) : '';
    if (password)
        _core_js__WEBPACK_IMPORTED_MODULE_0__.setSecret(password);
    const host = (data?.proxyEndpoint ?? '')
        .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
        .replace(/\/+$/, '');
    if (!password || !host) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`ECR GetAuthorizationToken returned no usable login for ${subject.registryText}.`, {
            hint: 'Re-run the job; if it persists, check the ECR endpoint configuration (AWS_ENDPOINT_URL_ECR).'
        });
    }
    return { host, username: decoded.slice(0, separator), password, expiresAt: data?.expiresAt };
}
/**
 * The digest of the image behind a tag (or digest) in the repository, or undefined when there is
 * no such image. A missing repository is an ActionError.
 */
async function findImageDigest(client, lookup) {
    const subject = await describeSubject(client, lookup.repositoryName, lookup.registryId);
    const imageId = {
        ...(lookup.tag ? { imageTag: lookup.tag } : {}),
        ...(lookup.digest ? { imageDigest: lookup.digest } : {})
    };
    try {
        const output = await client.send(new _aws_sdk_client_ecr__WEBPACK_IMPORTED_MODULE_8__/* .DescribeImagesCommand */ .j({
            repositoryName: lookup.repositoryName,
            registryId: lookup.registryId,
            imageIds: [imageId]
        }));
        return output.imageDetails?.[0]?.imageDigest;
    }
    catch (error) {
        if (errorName(error) === 'ImageNotFoundException')
            return undefined;
        if (errorName(error) === 'RepositoryNotFoundException') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`ECR repository "${lookup.repositoryName}" does not exist in ${subject.registryText}.`, {
                hint: 'Check ecr-repository, registry-id and aws-region, or let the action create the repository (create-repository: true).',
                cause: error
            });
        }
        throw translateEcrError(error, { action: 'DescribeImages', ...subject });
    }
}
/**
 * The digest of the image already behind `tag` when the build must reuse it: the tag is immutable
 * in the repository (`isTagImmutable`) and holds an image. Asks ECR nothing when this run created
 * the repository (it holds no image yet) or when the tag may be pushed again (it is rebuilt).
 */
async function findReusableImage(client, repository, lookup) {
    if (repository.created || !isTagImmutable(repository, lookup.tag))
        return undefined;
    return findImageDigest(client, lookup);
}
/**
 * For promotion (`image`): checks that the image exists in ECR and returns its digest. The client
 * must be for the image's region.
 */
async function verifyImage(client, image) {
    const digest = await findImageDigest(client, image);
    const shown = `${image.repositoryName}${image.tag ? `:${image.tag}` : ''}${image.digest ? `@${image.digest}` : ''}`;
    if (digest === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`image: ${shown} does not exist in ECR registry ${image.registryId} (${image.region}).`, {
            hint: 'Promote only an image that was pushed: check the tag in the `image` input.'
        });
    }
    return digest;
}
const CREDENTIAL_REJECTED = new Set([
    'UnrecognizedClientException',
    'InvalidClientTokenId',
    'InvalidSignatureException',
    'SignatureDoesNotMatch',
    'ExpiredTokenException',
    'ExpiredToken',
    'MissingAuthenticationTokenException',
    'IncompleteSignature'
]);
const THROTTLED = new Set([
    'ThrottlingException',
    'Throttling',
    'TooManyRequestsException',
    'RequestLimitExceeded'
]);
const NETWORK_ERROR = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET']);
/**
 * Turns an error from the SDK into an ActionError that says what to do. Anything it does not
 * recognise still becomes an ActionError naming the call, with AWS's own message.
 */
function translateEcrError(error, call) {
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ)
        return error;
    const name = errorName(error);
    const message = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error);
    const iamAction = `ecr:${call.action}`;
    const repository = call.repositoryName ? ` on repository "${call.repositoryName}"` : '';
    const requestId = error?.$metadata?.requestId;
    const aws = `${name}: ${message}${requestId ? ` (request ${requestId})` : ''}`;
    const options = (hint) => ({ hint, cause: error });
    if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`No AWS credentials are available in this job, so ${iamAction} cannot be called.`, options('Run aws-actions/configure-aws-credentials (e.g. with role-to-assume: ${{ secrets.AWS_ROLE_ARN }} and aws-region) in an earlier step of the same job, and give the job `permissions: id-token: write` for OIDC.'));
    }
    if (CREDENTIAL_REJECTED.has(name)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`AWS rejected the job's credentials when calling ${iamAction} (${aws}).`, options('The credentials are invalid or expired: run aws-actions/configure-aws-credentials again right before this step, and check the role and region it uses.'));
    }
    if (name === 'AccessDeniedException' || name === 'AccessDenied') {
        const arn = `arn:aws:ecr:${call.region || '<region>'}:${call.registryId || '<account>'}:${call.action === 'GetAuthorizationToken' ? '*' : `repository/${call.repositoryName ?? '*'}`}`;
        const alternative = call.action === 'CreateRepository'
            ? ', or create the repository yourself and set create-repository: false'
            : '';
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`AWS denied ${iamAction}${repository}: ${message}`, options(`Allow ${iamAction} on ${call.action === 'GetAuthorizationToken' ? '*' : arn} in the policy of the role that aws-actions/configure-aws-credentials assumes${alternative}.`));
    }
    if (THROTTLED.has(name)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`ECR kept throttling ${iamAction}${repository}, even after retries (${aws}).`, options('Too many ECR calls at once in this account and region: re-run the job later, or limit how many jobs run at the same time.'));
    }
    if (name === 'RepositoryNotFoundException') {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`ECR repository "${call.repositoryName ?? '?'}" does not exist (${iamAction}).`, options('Check ecr-repository, registry-id and aws-region, or set create-repository: true.'));
    }
    if (name === 'KmsException') {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`ECR could not use the KMS key for${repository || ' the repository'} (${aws}).`, options('Check repository-kms-key: the key must exist in the same region and allow the role to use it (kms:CreateGrant, kms:DescribeKey).'));
    }
    if (name === 'InvalidTagParameterException' || name === 'TooManyTagsException') {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`ECR refused the repository tags (${aws}).`, options('Fix repository-tags: at most 50 tags, keys up to 128 and values up to 256 characters, and no `aws:` prefix.'));
    }
    if (name === 'InvalidParameterException' || name === 'ValidationException') {
        const input = call.action === 'PutLifecyclePolicy'
            ? 'repository-lifecycle-policy'
            : call.action === 'CreateRepository'
                ? 'ecr-repository and the repository-* inputs'
                : 'ecr-repository';
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`ECR refused ${iamAction}${repository} (${aws}).`, options(`Check ${input}.`));
    }
    if (name === 'LimitExceededException') {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`ECR refused ${iamAction}: a service quota is reached (${aws}).`, options('Remove unused repositories or images, or ask AWS for a higher quota.'));
    }
    if (/region is missing/i.test(message)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`No AWS region is set, so ${iamAction} cannot be called.`, options('Set the aws-region input, or AWS_REGION (aws-actions/configure-aws-credentials sets it).'));
    }
    const code = error?.code;
    if ((typeof code === 'string' && NETWORK_ERROR.has(code)) || name === 'TimeoutError') {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`Cannot reach the ECR API for ${iamAction} (${aws}).`, options('Check aws-region, and AWS_ENDPOINT_URL_ECR / AWS_ENDPOINT_URL if set; the runner needs network access to ECR.'));
    }
    return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`ECR call ${iamAction}${repository} failed (${aws}).`, options('Re-run the job; if it fails again, the AWS message above says why.'));
}
function errorName(error) {
    if (error instanceof Error)
        return error.name;
    return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
}


/***/ })

};

//# sourceMappingURL=497.index.js.map