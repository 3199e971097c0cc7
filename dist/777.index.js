export const id = 777;
export const ids = [777];
export const modules = {

/***/ 4777:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_VALUES_FILE_BYTES: () => (/* binding */ MAX_VALUES_FILE_BYTES),
/* harmony export */   ValuesError: () => (/* binding */ ValuesError),
/* harmony export */   patchScalar: () => (/* binding */ patchScalar),
/* harmony export */   readScalar: () => (/* binding */ readScalar),
/* harmony export */   verifyScalarPatch: () => (/* binding */ verifyScalarPatch)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _key_path_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9330);
/**
 * Byte-exact editing of one scalar in a Helm values file.
 *
 * The file is read through `yaml`'s lossless concrete syntax tree (CST): the target scalar's
 * token is edited in place and the token array is stringified again, so every byte outside the
 * scalar (comments, blank lines, quotes, indentation, CRLF, BOM, other documents) is kept. The
 * composed document is used only to find the token. After the edit the new text is parsed again
 * and compared with the old one; any difference beyond the target is reported as a bug and nothing
 * is returned.
 *
 * Helm reads values with go-yaml (YAML 1.1 rules, first document only, last duplicate key wins),
 * so the lookup follows those rules and refuses every case where editing the scalar would not do
 * what the user expects.
 */



/** A values file that cannot be patched safely, with the line and column YAML gives for it. */
class ValuesError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ {
    code;
    /** 1-based line of the problem, when known. */
    line;
    /** 1-based column of the problem, when known. */
    column;
    constructor(code, message, options = {}) {
        super(message, { hint: options.hint, cause: options.cause });
        this.name = 'ValuesError';
        this.code = code;
        this.line = options.line;
        this.column = options.column;
    }
}
/**
 * Largest values file accepted, in UTF-8 bytes. Real values files are far smaller (the largest
 * public chart values file we measured is 266 KB); a bigger one is almost certainly not a values file.
 */
const MAX_VALUES_FILE_BYTES = 5 * 1024 * 1024;
/** `parseKeyPath` with its problem as a ValuesError naming image-key. */
function parseImageKey(keyPath) {
    try {
        return (0,_key_path_js__WEBPACK_IMPORTED_MODULE_2__/* .parseKeyPath */ ._q)(keyPath);
    }
    catch (error) {
        if (!(error instanceof _key_path_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyPathError */ .$M))
            throw error;
        throw new ValuesError('invalid-key-path', `image-key \`${keyPath}\` is not a valid key path: ${error.message}`, { hint: _key_path_js__WEBPACK_IMPORTED_MODULE_2__/* .IMAGE_KEY_HINT */ .ir });
    }
}
/**
 * Set the scalar at `keyPath` to `newValue`, changing only that scalar's bytes.
 * Throws ValuesError for every case where that cannot be done safely.
 */
function patchScalar(text, keyPath, newValue, options = {}) {
    const ctx = load(text, keyPath, options);
    const target = locate(ctx);
    const line = ctx.position(target.offset).line;
    if (isUnchanged(target, newValue)) {
        return { text, previous: target.previous, changed: false, line };
    }
    refuseEdit(ctx, target);
    const edit = applyEdit(ctx, target, newValue);
    const after = ctx.tokens.map((token) => yaml__WEBPACK_IMPORTED_MODULE_0__/* .CST */ .DB.stringify(token)).join('');
    verifyPatch(ctx, target, edit, after, newValue);
    return { text: after, previous: target.previous, changed: true, line };
}
/** The current value of the scalar at `keyPath`, under the same lookup rules as patchScalar. */
function readScalar(text, keyPath, options = {}) {
    return locate(load(text, keyPath, options)).previous;
}
/**
 * Check that `after` is `before` with only the scalar at `keyPath` set to `newValue`: same bytes
 * outside the scalar, same documents apart from it. patchScalar runs this on its own output;
 * it is exported so that any other way of producing `after` can be held to the same bar.
 */
function verifyScalarPatch(before, after, keyPath, newValue, options = {}) {
    const ctx = load(before, keyPath, options);
    const target = locate(ctx);
    const token = target.node?.srcToken;
    const start = token ? token.offset : target.offset;
    const end = token && 'source' in token ? start + token.source.length : start;
    const prefix = commonPrefixLength(before, after, start);
    const suffix = commonSuffixLength(before, after, before.length - end);
    if (prefix < start || suffix < before.length - end) {
        throw verificationFailed(ctx, 'bytes outside the target scalar changed');
    }
    const inserted = after.slice(start, after.length - (before.length - end));
    verifyPatch(ctx, target, { start, end, inserted }, after, newValue);
}
const COMPOSER_OPTIONS = { keepSourceTokens: true, uniqueKeys: false };
function load(text, keyPath, options) {
    const fileName = options.fileName ?? 'values file';
    const path = parseImageKey(keyPath);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_VALUES_FILE_BYTES) {
        throw new ValuesError('too-large', `${fileName} is ${formatBytes(bytes)}, more than the ${formatBytes(MAX_VALUES_FILE_BYTES)} a values file may have`, {
            hint: 'Point values-file at the Helm values file itself; split a generated file into smaller ones.'
        });
    }
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const position = (offset) => {
        const pos = lineCounter.linePos(offset);
        return { line: pos.line, column: pos.col };
    };
    const fail = (code, offset, message, hint) => {
        const pos = offset === undefined ? undefined : position(offset);
        const at = pos ? `${fileName}:${pos.line}:${pos.column}` : fileName;
        return new ValuesError(code, `${at}: ${message}`, { hint, ...pos });
    };
    const tokens = [...new yaml__WEBPACK_IMPORTED_MODULE_0__/* .Parser */ .iX(lineCounter.addNewLine).parse(text)];
    const docs = [...new yaml__WEBPACK_IMPORTED_MODULE_0__/* .Composer */ .Dk(COMPOSER_OPTIONS).compose(tokens, true)];
    const ctx = {
        text,
        keyPath,
        path,
        fileName,
        tokens,
        docs,
        aliases: { target: new Map(), uses: new Map() },
        position,
        fail
    };
    for (const doc of docs) {
        const error = doc.errors[0];
        if (error?.code === 'RESOURCE_EXHAUSTION') {
            throw fail('too-large', error.pos[0], 'nests too deeply to be read', 'Values files nest a few levels deep; check that values-file names the right file.');
        }
        if (error) {
            throw fail('invalid-yaml', error.pos[0], `is not valid YAML: ${withoutSource(error.message)} (${error.code})`, `Fix the YAML at line ${position(error.pos[0]).line} first; the file must parse before the image can be set.`
            // yaml's error is not attached as the cause: its message may quote the broken line.
            );
        }
    }
    ctx.aliases = indexAliases(ctx);
    return ctx;
}
/** Keys, values and items of a collection, in document order. */
function childNodes(node) {
    const out = [];
    const items = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node) || (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node) ? node.items : [];
    for (const item of items) {
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isPair */ .tO)(item)) {
            if (isNodeLike(item.key))
                out.push(item.key);
            if (isNodeLike(item.value))
                out.push(item.value);
        }
        else if (isNodeLike(item)) {
            out.push(item);
        }
    }
    return out;
}
function isNodeLike(value) {
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(value) || (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(value) || (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(value) || (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(value);
}
/**
 * Resolve every alias to its anchor (the last one of that name before it), refuse unknown and
 * self-containing aliases, and refuse alias bombs, all without expanding anything.
 */
function indexAliases(ctx) {
    const index = { target: new Map(), uses: new Map() };
    ctx.docs.forEach((doc) => {
        const root = doc.contents;
        if (!root)
            return;
        const anchors = new Map();
        const preorder = [];
        const stack = [root];
        while (stack.length > 0) {
            const node = stack.pop();
            preorder.push(node);
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node)) {
                const target = anchors.get(node.source);
                if (!target) {
                    throw ctx.fail('invalid-yaml', node.range?.[0], `alias *${node.source} refers to no anchor &${node.source} before it`, `Define &${node.source} before its first use, or remove the alias.`);
                }
                index.target.set(node, target);
                const uses = index.uses.get(target) ?? [];
                uses.push(node);
                index.uses.set(target, uses);
                continue;
            }
            if (node.anchor)
                anchors.set(node.anchor, node);
            const children = childNodes(node);
            for (let i = children.length - 1; i >= 0; i--)
                stack.push(children[i]);
        }
        checkAliasExpansion(ctx, root, preorder, index);
    });
    return index;
}
/**
 * go-yaml, which Helm uses, fails with "document contains excessive aliasing" when the nodes it
 * decodes through aliases outweigh the document (CVE-2019-11254). Replay that count without
 * expanding: the expanded size of each anchored node is computed once, bottom-up.
 */
function checkAliasExpansion(ctx, root, preorder, index) {
    if (!preorder.some((node) => (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node)))
        return;
    const expanded = new Map();
    const stack = [];
    const enter = (node) => {
        stack.push({ node, children: childNodes(node), next: 0, sum: 1 });
    };
    enter(root);
    while (stack.length > 0) {
        const frame = stack[stack.length - 1];
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(frame.node)) {
            const target = index.target.get(frame.node);
            const targetSize = expanded.get(target);
            if (targetSize === undefined) {
                throw ctx.fail('invalid-yaml', frame.node.range?.[0], `alias *${frame.node.source} is inside the node its anchor marks, so it never ends`, `Remove the alias *${frame.node.source} from inside &${frame.node.source}.`);
            }
            frame.sum += targetSize;
        }
        else if (frame.next < frame.children.length) {
            enter(frame.children[frame.next++]);
            continue;
        }
        stack.pop();
        expanded.set(frame.node, frame.sum);
        const parent = stack[stack.length - 1];
        if (parent)
            parent.sum += frame.sum;
    }
    let decoded = 0;
    let throughAliases = 0;
    for (const node of preorder) {
        decoded += 1;
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node))
            continue;
        const size = expanded.get(index.target.get(node));
        decoded += size;
        throughAliases += size;
        if (throughAliases > 100 &&
            decoded > 1000 &&
            throughAliases / decoded > allowedAliasRatio(decoded)) {
            throw ctx.fail('alias-bomb', node.range?.[0], `aliases expand ${formatCount(preorder.length)} written nodes to ${formatCount(expanded.get(root))}; ` +
                'Helm refuses such files ("excessive aliasing") and so does this action', 'Write the repeated values out, or alias them without nesting aliases inside anchors.');
        }
    }
}
/** go-yaml's allowedAliasRatio. */
function allowedAliasRatio(decoded) {
    if (decoded <= 400_000)
        return 0.99;
    if (decoded >= 4_000_000)
        return 0.1;
    return 0.99 - 0.89 * ((decoded - 400_000) / 3_600_000);
}
function locate(ctx) {
    const { path, keyPath } = ctx;
    const doc = ctx.docs[0];
    const first = ctx.docs.length > 1 ? ' in the first document (the one Helm reads)' : '';
    let node = doc.contents;
    if (!node || isEmptyValue(node)) {
        throw ctx.fail('key-missing', undefined, `key \`${keyPath}\` not found: the file has no YAML content${first}`, `Add \`${keyPath}\` to ${ctx.fileName}, or point values-file at the right file.`);
    }
    const ancestors = [];
    let parent;
    let index = -1;
    for (let i = 0; i < path.length; i++) {
        const segment = path[i];
        const here = (0,_key_path_js__WEBPACK_IMPORTED_MODULE_2__/* .formatKeyPath */ .K7)(path.slice(0, i));
        const hereName = here === '' ? 'the top level' : `\`${here}\``;
        const full = (0,_key_path_js__WEBPACK_IMPORTED_MODULE_2__/* .formatKeyPath */ .K7)(path.slice(0, i + 1));
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node))
            throw aliasError(ctx, node, here);
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
            const map = node;
            const matches = [];
            map.items.forEach((pair, j) => {
                if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) && scalarText(pair.key) === String(segment))
                    matches.push(j);
            });
            if (matches.length > 1) {
                const lines = matches.map((j) => ctx.position(keyOffset(map.items[j])).line);
                throw ctx.fail('duplicate-key', keyOffset(map.items[matches[0]]), `key \`${full}\` is defined ${matches.length} times${first}, on lines ${lines.join(' and ')}; ` +
                    'Helm uses the last one while editors and reviewers see the first', `Delete all but one \`${String(segment)}:\` under ${hereName}.`);
            }
            if (matches.length === 0)
                throw missingKey(ctx, map, i, first);
            ancestors.push(map);
            parent = map;
            index = matches[0];
            node = map.items[index].value;
        }
        else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node)) {
            const seq = node;
            if (typeof segment !== 'number') {
                throw ctx.fail('not-a-map', seq.range?.[0], `${hereName} is a sequence, not a map, so it has no key \`${segment}\` (looking up \`${keyPath}\`)`, `Address an item of ${hereName} by its index, e.g. image-key: ${(0,_key_path_js__WEBPACK_IMPORTED_MODULE_2__/* .formatKeyPath */ .K7)([...path.slice(0, i), 0, ...path.slice(i)])}`);
            }
            if (segment >= seq.items.length) {
                throw ctx.fail('key-missing', seq.range?.[0], `key \`${keyPath}\` not found: ${hereName} has ${seq.items.length} item(s), so there is no index ${segment}${first}`, `Use an index from 0 to ${seq.items.length - 1} in image-key, or add the item to ${ctx.fileName}.`);
            }
            ancestors.push(seq);
            parent = seq;
            index = segment;
            node = seq.items[index];
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isPair */ .tO)(node)) {
                throw ctx.fail('not-a-scalar', seq.range?.[0], `\`${full}\` is a single-pair map inside a flow sequence, not a scalar`, `Write the item as {key: value} and point image-key at the key inside it.`);
            }
        }
        else if (isEmptyValue(node)) {
            throw ctx.fail('key-missing', valueOffset(ctx, parent, index, node), `key \`${keyPath}\` not found: ${hereName} is empty${first}`, `Add \`${String(segment)}:\` under ${hereName} in ${ctx.fileName}.`);
        }
        else {
            const scalar = node;
            throw ctx.fail('not-a-map', scalar.range?.[0], `${hereName} holds a scalar, not a map, so it has no key \`${String(segment)}\` (looking up \`${keyPath}\`)`, here === ''
                ? 'The file holds a single value, not a map: point values-file at a Helm values file.'
                : `Set image-key to ${here} to replace that scalar, or fix the path.`);
        }
    }
    const holder = parent;
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node))
        throw aliasError(ctx, node, keyPath);
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node) || (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node))
        throw notAScalar(ctx, node);
    if (isEmptyValue(node)) {
        return {
            node: (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) && node.srcToken ? node : undefined,
            parent: holder,
            index,
            ancestors,
            offset: valueOffset(ctx, holder, index, node),
            previous: null
        };
    }
    const scalar = node;
    return {
        node: scalar,
        parent: holder,
        index,
        ancestors,
        offset: scalar.range?.[0] ?? 0,
        previous: scalar.value === null ? null : scalarText(scalar)
    };
}
/** The string a scalar holds, before any type resolution (`1.10` stays `1.10`). */
function scalarText(scalar) {
    return scalar.source ?? String(scalar.value);
}
function isEmptyValue(node) {
    return (node === null ||
        node === undefined ||
        ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) && scalarText(node) === '' && node.type === 'PLAIN'));
}
function keyOffset(pair) {
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
}
/** Where an empty value sits: just after `:` or `-` (and any tag or anchor). */
function valueOffset(ctx, parent, index, node) {
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) && node.srcToken)
        return node.srcToken.offset;
    const slot = findSlot(parent, index);
    const tokens = slot?.tokens ?? [];
    const at = insertionIndex(tokens);
    if (at >= 0)
        return tokens[at].offset + tokens[at].source.length;
    if (slot?.kind === 'flow-pair' && slot.item.key) {
        return slot.item.key.offset + yaml__WEBPACK_IMPORTED_MODULE_0__/* .CST */ .DB.stringify(slot.item.key).length;
    }
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) && node.range ? node.range[0] : (parent.range?.[0] ?? 0);
}
function missingKey(ctx, map, i, first) {
    const { path, keyPath } = ctx;
    const here = (0,_key_path_js__WEBPACK_IMPORTED_MODULE_2__/* .formatKeyPath */ .K7)(path.slice(0, i));
    const hereName = here === '' ? 'the top level' : `\`${here}\``;
    const segment = String(path[i]);
    const merged = findThroughMerge(ctx, map, segment, new Set());
    if (merged) {
        const anchorLine = ctx.position(keyOffset(merged.pair)).line;
        return ctx.fail('merge-key-only', merged.mergeOffset, `\`${(0,_key_path_js__WEBPACK_IMPORTED_MODULE_2__/* .formatKeyPath */ .K7)(path.slice(0, i + 1))}\` is not written in ${hereName}${first}: it only comes ` +
            `through the merge key \`<<\` from &${merged.anchor} (line ${anchorLine})`, `Add \`${segment}:\` under ${hereName} to give it a value of its own; &${merged.anchor} is shared ` +
            'by every map that merges it, so it is not edited.');
    }
    const keys = map.items
        .filter((pair) => (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) && !isMergeKey(pair.key))
        .map((pair) => scalarText(pair.key));
    const shown = keys.slice(0, 12).join(', ') + (keys.length > 12 ? `, … (${keys.length} keys)` : '');
    const nearby = keys.find((key) => key.toLowerCase() === segment.toLowerCase());
    return ctx.fail('key-missing', map.range?.[0], `key \`${keyPath}\` not found: ${hereName} has no key \`${segment}\`${first}` +
        (keys.length > 0 ? ` (it has: ${shown})` : ''), nearby !== undefined
        ? `Keys are case-sensitive: set image-key to ${(0,_key_path_js__WEBPACK_IMPORTED_MODULE_2__/* .formatKeyPath */ .K7)([...path.slice(0, i), nearby, ...path.slice(i + 1)])}.`
        : `Add \`${segment}:\` under ${hereName} in ${ctx.fileName}, or set image-key to the path of the scalar that holds the image.`);
}
function isMergeKey(key) {
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(key) && key.type === 'PLAIN' && scalarText(key) === '<<';
}
/** Find `segment` in the maps merged into `map` through `<<`, the way go-yaml would. */
function findThroughMerge(ctx, map, segment, seen) {
    if (seen.has(map))
        return undefined;
    seen.add(map);
    for (const pair of map.items) {
        if (!isMergeKey(pair.key))
            continue;
        const sources = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(pair.value) ? pair.value.items : [pair.value];
        for (const source of sources) {
            const anchor = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(source) ? source.source : undefined;
            const merged = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(source) ? ctx.aliases.target.get(source) : source;
            if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(merged))
                continue;
            const direct = merged.items.find((p) => (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(p.key) && scalarText(p.key) === segment);
            const found = direct
                ? {
                    pair: direct,
                    anchor: anchor ?? merged.anchor ?? '(inline map)',
                    mergeOffset: keyOffset(pair)
                }
                : findThroughMerge(ctx, merged, segment, seen);
            if (found)
                return { ...found, mergeOffset: keyOffset(pair) };
        }
    }
    return undefined;
}
function aliasError(ctx, alias, at) {
    const target = ctx.aliases.target.get(alias);
    const anchorLine = target?.range ? ` (line ${ctx.position(target.range[0]).line})` : '';
    const name = at === '' ? 'the document' : `\`${at}\``;
    return ctx.fail('alias', alias.range?.[0], `${name} is the alias *${alias.source} of &${alias.source}${anchorLine}; setting \`${ctx.keyPath}\` there would ` +
        `change the anchor and every other alias of it`, `Replace *${alias.source} with a value of its own in ${ctx.fileName}; the anchor is shared, so it is not edited.`);
}
function notAScalar(ctx, node) {
    const { keyPath, path } = ctx;
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
        const keys = node.items.filter((p) => (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(p.key)).map((p) => scalarText(p.key));
        const scalarKeys = node.items
            .filter((p) => (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(p.key) && ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(p.value) || p.value === null))
            .map((p) => scalarText(p.key));
        const preferred = scalarKeys.find((k) => k === 'repository') ??
            scalarKeys.find((k) => k === 'image') ??
            scalarKeys[0];
        return ctx.fail('not-a-scalar', node.range?.[0], `\`${keyPath}\` holds a map (${keys.join(', ') || 'empty'}), not a scalar`, preferred !== undefined
            ? `Set image-key to ${(0,_key_path_js__WEBPACK_IMPORTED_MODULE_2__/* .formatKeyPath */ .K7)([...path, preferred])}, the scalar that should hold the image ` +
                '(the full reference is written there, so the chart must not add a tag of its own).'
            : 'Point image-key at the scalar that holds the image.');
    }
    const example = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node.items[0]) ? [...path, 0, 'image'] : [...path, 0];
    return ctx.fail('not-a-scalar', node.range?.[0], `\`${keyPath}\` holds a sequence of ${node.items.length} item(s), not a scalar`, `Address one item by its index, e.g. image-key: ${(0,_key_path_js__WEBPACK_IMPORTED_MODULE_2__/* .formatKeyPath */ .K7)(example)}`);
}
// ---------------------------------------------------------------------------------------------
// Editing
function isUnchanged(target, newValue) {
    const node = target.node;
    if (!node || target.previous !== newValue)
        return false;
    if (node.type === 'PLAIN')
        return resolvesAsString(newValue);
    return true;
}
function refuseEdit(ctx, target) {
    const node = target.node;
    if (node && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) {
        throw ctx.fail('block-scalar', target.offset, `\`${ctx.keyPath}\` is a block scalar (${node.type === 'BLOCK_LITERAL' ? '|' : '>'}), which spans lines; ` +
            'it cannot be replaced by a one-line change', `Write \`${String(ctx.path[ctx.path.length - 1])}:\` as a one-line value in ${ctx.fileName} first.`);
    }
    const chain = [...target.ancestors];
    if (node)
        chain.push(node);
    for (const anchored of chain) {
        const uses = ctx.aliases.uses.get(anchored);
        if (!uses || uses.length === 0 || !anchored.anchor)
            continue;
        const lines = uses.map((alias) => ctx.position(alias.range?.[0] ?? 0).line);
        const what = anchored === node ? 'carries the anchor' : 'is inside the anchor';
        const valueStart = anchored.range?.[0] ?? 0;
        // The anchor is written just before the node's own range, which starts at its value.
        const anchorAt = ctx.text.lastIndexOf(`&${anchored.anchor}`, valueStart);
        throw ctx.fail('anchor-in-use', anchorAt >= 0 ? anchorAt : valueStart, `\`${ctx.keyPath}\` ${what} &${anchored.anchor}, which ${uses.length === 1 ? 'is' : 'are'} used by ` +
            `*${anchored.anchor} on line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}; changing it would change those too`, `Give \`${ctx.keyPath}\` its own value (replace the aliases of &${anchored.anchor} with copies), then run again.`);
    }
}
function applyEdit(ctx, target, newValue) {
    const inFlow = target.parent.flow === true;
    const token = target.node?.srcToken;
    if (token &&
        (token.type === 'scalar' ||
            token.type === 'single-quoted-scalar' ||
            token.type === 'double-quoted-scalar')) {
        const style = token.source === '' ? 'PLAIN' : (target.node?.type ?? 'PLAIN');
        const rendered = renderScalar(newValue, style, inFlow);
        // An empty flow value sits right after `:`; keep `image: x` from becoming the key `image:x`.
        const needsSpace = token.source === '' && !/[ \t]/.test(ctx.text[token.offset - 1] ?? '');
        const start = token.offset;
        const end = token.offset + token.source.length;
        token.type = rendered.type;
        token.source = (needsSpace ? ' ' : '') + rendered.source;
        return { start, end, inserted: token.source };
    }
    if (token)
        throw verificationFailed(ctx, `unexpected ${token.type} token at the target`);
    const slot = findSlot(target.parent, target.index);
    if (!slot)
        throw verificationFailed(ctx, 'no syntax token holds the empty value');
    const rendered = renderScalar(newValue, 'PLAIN', inFlow);
    let at = insertionIndex(slot.tokens);
    let offset;
    let inserted = ' ' + rendered.source;
    if (at >= 0) {
        offset = slot.tokens[at].offset + slot.tokens[at].source.length;
    }
    else if (slot.kind === 'flow-pair' && slot.item.key) {
        // `{image, port: 80}`: the key has no `:` yet, so write one after it.
        offset = slot.item.key.offset + yaml__WEBPACK_IMPORTED_MODULE_0__/* .CST */ .DB.stringify(slot.item.key).length;
        slot.tokens.unshift({ type: 'map-value-ind', offset, indent: 0, source: ':' });
        at = 0;
        inserted = ':' + inserted;
    }
    else {
        throw ctx.fail('not-a-scalar', target.offset, `\`${ctx.keyPath}\` is an explicit \`? key\` with no value indicator`, `Write it as \`${String(ctx.path[ctx.path.length - 1])}: <value>\` in ${ctx.fileName} first.`);
    }
    // What followed the indicator (spaces, a comment, the line break) now follows the value.
    const rest = slot.tokens.splice(at + 1);
    slot.tokens.push({ type: 'space', offset, indent: 0, source: ' ' });
    slot.item.value = { type: rendered.type, offset, indent: 0, source: rendered.source, end: rest };
    return { start: offset, end: offset, inserted };
}
function findSlot(parent, index) {
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(parent)) {
        const item = parent.items[index]?.srcToken;
        if (!item)
            return undefined;
        item.sep ??= [];
        return { kind: parent.flow ? 'flow-pair' : 'map-pair', item, tokens: item.sep };
    }
    const collection = parent.srcToken;
    if (!collection || (collection.type !== 'block-seq' && collection.type !== 'flow-collection'))
        return undefined;
    const items = collection.type === 'block-seq'
        ? collection.items.filter((item) => item.start.some((t) => t.type === 'seq-item-ind'))
        : collection.items;
    const item = items[index];
    return item ? { kind: 'seq-item', item, tokens: item.start } : undefined;
}
/** Index of the last `:`/`-`, tag or anchor token: the value is written right after it. */
function insertionIndex(tokens) {
    for (let i = tokens.length - 1; i >= 0; i--) {
        const type = tokens[i].type;
        if (type === 'map-value-ind' || type === 'seq-item-ind' || type === 'tag' || type === 'anchor')
            return i;
    }
    return -1;
}
/** Write `value` in the style it had, quoting a plain value only when YAML requires it. */
function renderScalar(value, style, inFlow) {
    if (style === 'QUOTE_SINGLE') {
        const single = singleQuoted(value);
        if (single !== undefined)
            return { type: 'single-quoted-scalar', source: single };
    }
    else if (style !== 'QUOTE_DOUBLE' && isPlainSafe(value, inFlow)) {
        return { type: 'scalar', source: value };
    }
    return { type: 'double-quoted-scalar', source: doubleQuoted(value) };
}
/** True for characters YAML cannot write literally: C0/C1 controls, line separators, BOM, lone surrogates. */
function isNonPrintable(code) {
    return ((code < 0x20 && code !== 0x09) ||
        (code >= 0x7f && code <= 0x9f) ||
        code === 0x2028 ||
        code === 0x2029 ||
        code === 0xfeff ||
        code === 0xfffe ||
        code === 0xffff ||
        (code >= 0xd800 && code <= 0xdfff));
}
function hasNonPrintable(value) {
    for (const ch of value)
        if (isNonPrintable(ch.codePointAt(0)))
            return true;
    return false;
}
/**
 * True when `value` written plain reads back as the same string in YAML 1.2 and in YAML 1.1,
 * which Helm's go-yaml follows (`yes`, `on`, `1.10` and `0x1F` are not strings there).
 */
function isPlainSafe(value, inFlow) {
    if (value === '' || hasNonPrintable(value) || value.includes('\t'))
        return false;
    if (/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) || /\s$/.test(value))
        return false;
    if (/:(\s|$)|\s#/.test(value) || value === '<<')
        return false;
    // go-yaml before v2.2 rejects any `x:y` inside {…} or […]; later versions reject `:` before ,[]{}.
    if (inFlow && /[,[\]{}:]/.test(value))
        return false;
    return resolvesAsString(value);
}
/** Parsed alone as a plain scalar, `value` is that exact string under YAML 1.2 and 1.1. */
function resolvesAsString(value) {
    return ['1.2', '1.1'].every((version) => {
        const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(value, { version, logLevel: 'silent' });
        const contents = doc.contents;
        return (doc.errors.length === 0 &&
            (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(contents) &&
            contents.type === 'PLAIN' &&
            contents.value === value);
    });
}
function singleQuoted(value) {
    // A line break would fold; control characters have no escape in single quotes.
    if (hasNonPrintable(value))
        return undefined;
    return `'${value.replace(/'/g, "''")}'`;
}
const DOUBLE_ESCAPES = {
    '\\': '\\\\',
    '"': '\\"',
    '\0': '\\0',
    '\x07': '\\a',
    '\b': '\\b',
    '\t': '\\t',
    '\n': '\\n',
    '\v': '\\v',
    '\f': '\\f',
    '\r': '\\r',
    '\x1b': '\\e',
    '\x85': '\\N',
    '\u2028': '\\L',
    '\u2029': '\\P'
};
function doubleQuoted(value) {
    let out = '"';
    for (const ch of value) {
        const escape = DOUBLE_ESCAPES[ch];
        if (escape !== undefined)
            out += escape;
        else if (isNonPrintable(ch.codePointAt(0))) {
            const code = ch.codePointAt(0);
            out += code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
        }
        else
            out += ch;
    }
    return out + '"';
}
function hex(code, width) {
    return code.toString(16).toUpperCase().padStart(width, '0');
}
// ---------------------------------------------------------------------------------------------
// Verification
function verifyPatch(ctx, target, edit, after, newValue) {
    const expected = ctx.text.slice(0, edit.start) + edit.inserted + ctx.text.slice(edit.end);
    if (after !== expected)
        throw verificationFailed(ctx, 'bytes outside the target scalar changed');
    if (/[\r\n]/.test(edit.inserted))
        throw verificationFailed(ctx, 'the new value spans lines');
    const tokens = [...new yaml__WEBPACK_IMPORTED_MODULE_0__/* .Parser */ .iX().parse(after)];
    const docs = [...new yaml__WEBPACK_IMPORTED_MODULE_0__/* .Composer */ .Dk(COMPOSER_OPTIONS).compose(tokens, true)];
    const error = docs.flatMap((doc) => doc.errors)[0];
    if (error)
        throw verificationFailed(ctx, `the patched file does not parse (${error.code})`);
    if (docs.length !== ctx.docs.length)
        throw verificationFailed(ctx, 'the number of documents changed');
    let newTarget;
    const mismatch = ctx.docs
        .map((doc, i) => sameNode(doc.contents, docs[i].contents, target, (node) => {
        newTarget = node;
    }))
        .find((result) => result !== undefined);
    if (mismatch)
        throw verificationFailed(ctx, mismatch);
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(newTarget) || newTarget.value !== newValue) {
        throw verificationFailed(ctx, 'the target does not read back as the new value');
    }
    if (newTarget.type === 'PLAIN' && !newTarget.tag && !resolvesAsString(newValue)) {
        throw verificationFailed(ctx, 'the new plain value is not a string under YAML 1.1');
    }
}
/**
 * Compare two composed trees without expanding aliases; `target` is the slot allowed to differ.
 * Returns a description of the first difference, or undefined.
 */
function sameNode(a, b, target, onTarget) {
    const stack = [[a, b, '']];
    while (stack.length > 0) {
        const [x, y, at] = stack.pop();
        const where = at === '' ? 'the document' : `\`${at}\``;
        if (x === null || x === undefined || y === null || y === undefined) {
            if ((x ?? null) !== (y ?? null))
                return `${where} appeared or disappeared`;
            continue;
        }
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(x) && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(y)) {
            if (x.type !== y.type || x.source !== y.source || x.tag !== y.tag || x.anchor !== y.anchor) {
                return `${where} changed`;
            }
            continue;
        }
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(x) && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(y)) {
            if (x.source !== y.source)
                return `${where} changed`;
            continue;
        }
        const collections = bothCollections(x, y);
        if (collections) {
            const [cx, cy] = collections;
            if (cx.items.length !== cy.items.length || cx.tag !== cy.tag || cx.anchor !== cy.anchor) {
                return `${where} changed shape`;
            }
            for (let i = cx.items.length - 1; i >= 0; i--) {
                const ix = cx.items[i];
                const iy = cy.items[i];
                const isTarget = cx === target.parent && i === target.index;
                const pairX = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isPair */ .tO)(ix) ? ix : undefined;
                const pairY = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isPair */ .tO)(iy) ? iy : undefined;
                if (!!pairX !== !!pairY)
                    return `${where} changed shape`;
                const label = at === '' ? String(i) : `${at}.${i}`;
                if (pairX && pairY) {
                    const keyLabel = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pairX.key) ? (0,_key_path_js__WEBPACK_IMPORTED_MODULE_2__/* .formatKeyPath */ .K7)([scalarText(pairX.key)]) : String(i);
                    const child = at === '' ? keyLabel : `${at}.${keyLabel}`;
                    stack.push([pairX.key, pairY.key, child]);
                    if (isTarget)
                        onTarget(pairY.value);
                    else
                        stack.push([pairX.value, pairY.value, child]);
                }
                else if (isTarget) {
                    onTarget(iy);
                }
                else {
                    stack.push([ix, iy, label]);
                }
            }
            continue;
        }
        return `${where} changed kind`;
    }
    return undefined;
}
function bothCollections(x, y) {
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(x) && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(y))
        return [x, y];
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(x) && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(y))
        return [x, y];
    return undefined;
}
function verificationFailed(ctx, why) {
    return new ValuesError('verification-failed', `${ctx.fileName}: setting \`${ctx.keyPath}\` would have changed more than that value (${why}); nothing was written`, {
        hint: 'This is a bug in gitops-image-bump, not in your file. Please report it with a small ' +
            'values file that reproduces it (without secrets).'
    });
}
// ---------------------------------------------------------------------------------------------
// Small helpers
function commonPrefixLength(a, b, limit) {
    let i = 0;
    while (i < limit && i < a.length && i < b.length && a[i] === b[i])
        i++;
    return i;
}
function commonSuffixLength(a, b, limit) {
    let i = 0;
    while (i < limit && i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i])
        i++;
    return i;
}
/**
 * yaml's message without the source text some messages quote after `: ` (`Unexpected token:
 * "…"`), so that a secret on a broken line never reaches the log; line and column still point there.
 */
function withoutSource(message) {
    return message.split('\n')[0].split(': ')[0];
}
function formatBytes(bytes) {
    return bytes >= 1024 * 1024
        ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
        : `${Math.ceil(bytes / 1024)} KiB`;
}
function formatCount(n) {
    return n >= 1e9 ? n.toExponential(1) : n.toLocaleString('en-US');
}


/***/ })

};

//# sourceMappingURL=777.index.js.map