/**
 * The pure parts of the benchmarks (bench/): statistics, formatting, parsing of what the measured
 * processes print, the generated GitOps repository, and the rendering of BENCHMARKS.md with its
 * target verdicts. No timing is measured here.
 */
import { describe, expect, it } from '@jest/globals'
import { parseCgiHead } from '../bench/git-server.js'
import { renderGitopsSection } from '../bench/gitops.js'
import {
  appName,
  bumpableApps,
  ENVIRONMENTS,
  gitopsRepoFiles,
  valuesPath
} from '../bench/gitops-repo.js'
import { findRepoRoot, groupDuration, parseGnuTimeKib, repoRoot } from '../bench/harness.js'
import { imagePhases, renderImageSection } from '../bench/image.js'
import { startLatencyProxy } from '../bench/latency-proxy.js'
import {
  redact,
  renderBenchmarks,
  renderResultsJson,
  renderTable,
  type BenchmarkRun,
  type SectionReport
} from '../bench/report.js'
import { selectSections, SECTION_IDS } from '../bench/run.js'
import { renderScaleSection } from '../bench/scale.js'
import { chunkContents, renderStartupSection, type StartupFigures } from '../bench/startup.js'
import {
  formatBytes,
  formatMs,
  formatRatio,
  growth,
  median,
  pairedRatio,
  ratio,
  summarize
} from '../bench/stats.js'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { parse } from 'yaml'

describe('statistics', () => {
  it('takes the middle sample, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([7])).toBe(7)
  })

  it('refuses the median of no samples instead of inventing one', () => {
    expect(() => median([])).toThrow('median of no samples')
  })

  it('summarizes samples without reordering them', () => {
    const samples = [30, 10, 20]
    expect(summarize(samples)).toEqual({
      n: 3,
      median: 20,
      min: 10,
      max: 30,
      samples: [30, 10, 20]
    })
    expect(samples).toEqual([30, 10, 20])
  })

  it('pairs rounds for ratios, so a load spike in one round moves both sides', () => {
    // Round 2 ran under load: both sides doubled. Ratios of medians would be 1.5; paired, 2.
    expect(pairedRatio([200, 400, 200], [100, 200, 100])).toBe(2)
    expect(ratio(10, 0)).toBeUndefined()
    expect(pairedRatio([1, 2], [0, 1])).toBe(2)
    expect(pairedRatio([1], [0])).toBeUndefined()
    expect(growth(100, 125)).toBe(1.25)
  })
})

describe('formatting', () => {
  it.each([
    [0.423, '0.42 ms'],
    [12.34, '12.3 ms'],
    [254.4, '254 ms'],
    [1234, '1.23 s'],
    [12_500, '12.5 s'],
    [Number.NaN, 'n/a']
  ])('writes %p ms as %p', (ms, text) => {
    expect(formatMs(ms)).toBe(text)
  })

  it.each([
    [512, '512 B'],
    [1536, '1.5 KiB'],
    [2.5 * 1024 * 1024, '2.50 MiB']
  ])('writes %p bytes as %p', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })

  it('writes ratios with fewer decimals as they grow, and n/a when there is none', () => {
    expect(formatRatio(2.345)).toBe('2.35x')
    expect(formatRatio(12.34)).toBe('12.3x')
    expect(formatRatio(123.4)).toBe('123x')
    expect(formatRatio(undefined)).toBe('n/a')
  })
})

describe('parsing what measured processes print', () => {
  it('reads the peak RSS from GNU time output, also after a kill message', () => {
    expect(parseGnuTimeKib('71234\n')).toBe(71234)
    expect(parseGnuTimeKib('Command terminated by signal 9\n80512\n')).toBe(80512)
    expect(parseGnuTimeKib('')).toBeUndefined()
  })

  it('times a log group from its ::group:: line to its ::endgroup:: line', () => {
    const lines = [
      { atMs: 10, text: '::group::Image' },
      { atMs: 50, text: 'building' },
      { atMs: 90, text: '::endgroup::' },
      { atMs: 95, text: '::group::GitOps pull request' },
      { atMs: 400, text: '::endgroup::' }
    ]
    expect(groupDuration(lines, 'Image')).toBe(80)
    expect(groupDuration(lines, 'GitOps pull request')).toBe(305)
    expect(groupDuration(lines, 'Changed files')).toBeUndefined()
    expect(groupDuration(lines.slice(0, 2), 'Image')).toBeUndefined()
  })

  it("splits the action's image step into ECR + login, build, label step, push and read-back", () => {
    const digest = 'sha256:' + 'a'.repeat(64)
    const lines = [
      { atMs: 100, text: '::group::Image' },
      { atMs: 350, text: '[command]/usr/local/bin/docker build --force-rm --iidfile /t/id .' },
      { atMs: 1900, text: 'Successfully built 0123456789ab' },
      { atMs: 2350, text: '[command]/usr/local/bin/docker build --force-rm --tag r:t -' },
      { atMs: 3100, text: '[command]/usr/local/bin/docker push r:t' },
      { atMs: 3250, text: `t: digest: ${digest} size: 945` },
      { atMs: 3400, text: `Pushed r:t (${digest}).` },
      { atMs: 3400, text: '::endgroup::' }
    ]
    expect(imagePhases(lines)).toEqual({
      setupMs: 250,
      buildMs: 2000,
      labelMs: 750,
      pushMs: 150,
      readBackMs: 150
    })
    // A reused image builds nothing: there are no phases to report.
    expect(imagePhases([lines[0], lines[7]])).toBeUndefined()
    // Without its label step the log is not the classic builder's: no phases either.
    expect(imagePhases(lines.filter((_, i) => i !== 3))).toBeUndefined()
  })

  it('parses a CGI answer with or without a Status header, and waits for the blank line', () => {
    const answer = Buffer.from(
      'Status: 404 Not Found\r\nContent-Type: text/plain\r\n\r\nRepository not exported.'
    )
    const head = parseCgiHead(answer)
    expect(head?.status).toBe(404)
    expect(head?.headers).toEqual([['Content-Type', 'text/plain']])
    expect(answer.subarray(head?.bodyStart).toString()).toBe('Repository not exported.')
    expect(parseCgiHead(Buffer.from('Content-Type: x\n\nbody'))?.status).toBe(200)
    expect(parseCgiHead(Buffer.from('Content-Type: x\r\n'))).toBeUndefined()
  })

  it('names the packages a bundle chunk holds, largest first, from its source map', () => {
    expect(
      chunkContents({
        sources: [
          'webpack://gitops-image-bump/./node_modules/@smithy/core/dist-es/a.js',
          'webpack://gitops-image-bump/./node_modules/@aws-sdk/client-ecr/dist-es/b.js',
          'webpack://gitops-image-bump/./node_modules/@smithy/core/dist-es/c.js',
          'webpack://gitops-image-bump/./src/ecr.ts',
          'webpack://gitops-image-bump/external node-commonjs "node:fs"'
        ],
        sourcesContent: ['x'.repeat(40), 'x'.repeat(50), 'x'.repeat(30), 'x'.repeat(10), null]
      })
    ).toEqual(['@smithy/core', '@aws-sdk/client-ecr', 'src/ecr.ts'])
  })
})

describe('the latency proxy', () => {
  it('counts requests sent together as one round trip, and one sent after them as another', async () => {
    const upstream = createServer((req, res) => {
      req.resume()
      req.on('end', () => res.end('ok'))
    })
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
    const { port } = upstream.address() as AddressInfo
    const proxy = await startLatencyProxy({ target: `http://127.0.0.1:${port}`, latencyMs: 100 })
    const get = async (name: string): Promise<string> =>
      (await fetch(`${proxy.url}/${name}`)).text()
    try {
      expect(await Promise.all([get('a'), get('b')])).toEqual(['ok', 'ok'])
      expect(proxy.stats.requests).toBe(2)
      expect(proxy.stats.roundTrips).toBe(1)
      expect(await get('c')).toBe('ok')
      expect(proxy.stats.requests).toBe(3)
      expect(proxy.stats.roundTrips).toBe(2)

      // A request held across a reset counts under the counters it arrived under: one sent
      // after the reset is a round trip of its own, not one it shares.
      const held = get('d')
      while (proxy.stats.requests < 4) await new Promise((resolve) => setTimeout(resolve, 5))
      proxy.reset()
      expect(await get('e')).toBe('ok')
      expect(await held).toBe('ok')
      expect(proxy.stats).toMatchObject({ requests: 1, roundTrips: 1, log: ['GET /e'] })
      expect(await Promise.all([get('f'), get('g')])).toEqual(['ok', 'ok'])
      expect(proxy.stats).toMatchObject({ requests: 3, roundTrips: 2 })
    } finally {
      await proxy.stop()
      upstream.closeAllConnections()
      await new Promise((resolve) => upstream.close(resolve))
    }
  })
})

describe('the generated GitOps repository', () => {
  it.each([100, 1000, 2345])('holds exactly %p files', (count) => {
    expect(Object.keys(gitopsRepoFiles(count))).toHaveLength(count)
  })

  it('uses the layout of the spec: values and Applications per environment and app', () => {
    const files = gitopsRepoFiles(200)
    for (const environment of ENVIRONMENTS) {
      expect(files).toHaveProperty([valuesPath(environment, appName(1))])
      expect(files).toHaveProperty([`argocd/applications/${environment}/${appName(1)}.yaml`])
    }
    const values = parse(files[valuesPath('dev', appName(3))]) as {
      microservice: { name: string; image: string }
    }
    expect(values.microservice.name).toBe('app-00003')
    expect(values.microservice.image).toMatch(
      /\.dkr\.ecr\.us-east-1\.amazonaws\.com\/app-00003:main-[0-9a-f]{7}-\d+$/
    )
    const application = files[`argocd/applications/dev/${appName(3)}.yaml`]
    expect(application).toContain('$values/values/dev/app-00003/values.yaml')
  })

  it('gives every file its own content, so git cannot pack the repository to nothing', () => {
    const files = Object.values(gitopsRepoFiles(500))
    expect(new Set(files).size).toBe(files.length)
  })

  it('lists only apps whose values file exists for the environment asked', () => {
    const files = gitopsRepoFiles(100)
    const apps = bumpableApps(files, 1000)
    expect(apps.length).toBeGreaterThan(10)
    for (const app of apps) expect(files).toHaveProperty([valuesPath('dev', app)])
    expect(files).not.toHaveProperty([valuesPath('dev', appName(apps.length + 1))])
    expect(bumpableApps(files, 2, 'staging')).toEqual([appName(1), appName(2)])
  })
})

describe('the report', () => {
  const section = (overrides: Partial<SectionReport> = {}): SectionReport => ({
    id: 'gitops',
    title: '1. GitOps bump',
    markdown: 'The method.',
    targets: [{ target: 'Requests ≤ 6', measured: '7 requests', verdict: 'not met', note: 'why' }],
    results: { answer: 1.23456 },
    durationMs: 61_000,
    ...overrides
  })
  const run = (sections: SectionReport[]): BenchmarkRun => ({
    date: '2026-11-27T08:00:00.000Z',
    quick: false,
    durationMs: 420_000,
    machine: {
      cpuModel: 'AMD EPYC',
      cpus: 2,
      memoryBytes: 24 * 1024 ** 3,
      os: 'Linux 6.1 (x64)',
      kernel: '6.1',
      loadAverage: [1, 2, 3],
      nodes: [{ label: 'Node 24', version: 'v24.21.0' }],
      git: 'git version 2.39.5',
      docker: '20.10.24'
    },
    sections
  })

  it('escapes pipes and line breaks so a cell cannot break the table', () => {
    expect(renderTable(['a', 'b'], [['x | y', 'one\ntwo']], ['l', 'r'])).toBe(
      '| a | b |\n| --- | ---: |\n| x \\| y | one<br>two |'
    )
  })

  it('lists every target with its verdict first, then the machine and each section', () => {
    const markdown = renderBenchmarks(
      run([
        section(),
        section({
          id: 'image',
          title: '4. Build-and-push overhead',
          markdown: '',
          targets: [],
          skipped: 'Docker services unavailable'
        })
      ])
    )
    const order = ['## Targets', '## Machine', '## 1. GitOps bump', '## 4. Build-and-push overhead']
    const positions = order.map((heading) => markdown.indexOf(heading))
    expect(positions.every((position) => position >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(markdown).toContain('| 1. GitOps bump | Requests ≤ 6 | 7 requests | ❌ not met |')
    expect(markdown).toContain(
      '| 4. Build-and-push overhead | (section skipped) | Docker services unavailable | ⚠️ not measured |'
    )
    expect(markdown).toContain('**Skipped:** Docker services unavailable')
    // A target not met carries its cost right under the table.
    expect(markdown).toContain('- **1. GitOps bump — Requests ≤ 6:** why')
    expect(markdown).toContain('2026-11-27T08:00:00.000Z')
  })

  it('writes results.json with sections by id and numbers rounded to two decimals', () => {
    const json = JSON.parse(renderResultsJson(run([section()]))) as {
      sections: Record<string, { results: { answer: number }; targets: unknown[] }>
    }
    expect(json.sections.gitops.results.answer).toBe(1.23)
    expect(json.sections.gitops.targets).toHaveLength(1)
  })

  it('keeps tokens and registry passwords out of what it writes', () => {
    const token = 'ghs_benchgitopstoken0000000000000000000'
    const password = 'PPOCklAWwWgnRzXZ0FBGgEAM'
    const basicAuth = Buffer.from(`gib:${password}`).toString('base64')
    const leaky = section({
      skipped: `the action failed: ::add-mask::${token}\n::add-mask::${basicAuth}\nlogin with ${password} failed`,
      results: { error: `Authorization: token ${token}` }
    })
    const texts = [renderBenchmarks(run([leaky])), renderResultsJson(run([leaky]))].map((text) =>
      redact(text, [token, password])
    )
    for (const text of texts) {
      expect(text).not.toContain(token)
      expect(text).not.toContain(password)
      expect(text).not.toContain(basicAuth)
    }
    expect(texts[0]).toContain('login with *** failed')
  })
})

describe('target verdicts', () => {
  const summary = (value: number) => ({
    n: 3,
    median: value,
    min: value,
    max: value,
    samples: [value]
  })
  const size = (files: number, actionMs: number, chainMs: number, requests = 6) => ({
    files,
    repoBytes: files * 1000,
    setup: { simulatorSeedMs: 1, bareRepositoryMs: 1 },
    action: {
      wallMs: summary(actionMs),
      stepMs: summary(actionMs - 300),
      requests: [requests, requests, requests],
      roundTrips: [4, 4, 4],
      requestLog: ['GET /repos/acme/gitops-apps'],
      bytes: [1000]
    },
    inProcess: { ms: summary(500), requests: [requests] },
    chain: {
      totalMs: summary(chainMs),
      cloneMs: summary(chainMs - 500),
      editMs: summary(10),
      commitMs: summary(100),
      pushMs: summary(300),
      prMs: summary(90),
      requests: [6],
      bytes: [5000]
    },
    speedup: chainMs / actionMs
  })

  it('meets the GitOps targets only for constant, ≤ 6 requests, flat time and a 10x lead', () => {
    const met = renderGitopsSection([size(100, 1000, 1500), size(100_000, 1100, 12_000)], {
      latencyMs: 50,
      tmpfs: true
    })
    expect(met.targets.map((t) => t.verdict)).toEqual(['met', 'met', 'met'])

    const missed = renderGitopsSection([size(100, 1000, 1500, 7), size(100_000, 3000, 6000, 7)], {
      latencyMs: 50,
      tmpfs: true
    })
    expect(missed.targets.map((t) => t.verdict)).toEqual(['not met', 'not met', 'not met'])
    // A target not met says what it costs.
    for (const target of missed.targets) expect(target.note).toBeTruthy()
    expect(missed.markdown).toContain('tmpfs')
  })

  it('meets the start-up target only when every path reaches the network within 3x the floor', () => {
    const result = (path: string, ms: number, vsFloor: number, bundle: string | null) => ({
      runtime: 'Node 24 (v24.21.0)',
      bundle,
      path,
      figure: summary(ms),
      exitMs: summary(ms),
      peakRssBytes: 70 * 1024 * 1024,
      vsFloor
    })
    const figures = (buildRatio: number): StartupFigures =>
      ({
        results: [
          result('floor', 50, 1, null),
          result('skip', 140, 2.8, 'dist/ (committed)'),
          result('build', 50 * buildRatio, buildRatio, 'dist/ (committed)')
        ],
        sizes: { dist: [{ file: 'index.js', bytes: 1_100_000 }], builds: [] },
        loaded: { skip: ['index.js', '582.index.js'] },
        chunks: {
          'index.js': ['undici', '@actions/http-client'],
          '582.index.js': ['src/changes.ts']
        },
        runs: 3,
        rssMeasured: true,
        missingRuntimes: [],
        bundle: { commit: 'abc1234 Rebuild dist/', dirty: false, source: 'dist' }
      }) as StartupFigures
    expect(renderStartupSection(figures(2.9)).targets[0].verdict).toBe('met')
    const missed = renderStartupSection(figures(4.8))
    expect(missed.targets[0].verdict).toBe('not met')
    expect(missed.targets[0].note).toContain('Node 24 build')
    expect(missed.markdown).toContain(
      'A skipped run loads neither the AWS SDK nor the GitOps client'
    )
    // What the promote path loads is told from the chunks it loaded, sizes included.
    const promote = figures(2.9)
    promote.results.push(
      result('promote', 200, 4, 'dist/ (committed)') as StartupFigures['results'][number]
    )
    promote.loaded.promote = ['index.js', '224.index.js', '686.index.js']
    promote.chunks['224.index.js'] = ['@octokit/endpoint', '@octokit/core']
    promote.chunks['686.index.js'] = ['bottleneck', '@octokit/plugin-throttling']
    promote.sizes.dist.push(
      { file: '224.index.js', bytes: 64 * 1024 },
      { file: '686.index.js', bytes: 168 * 1024 }
    )
    expect(renderStartupSection(promote).targets[0].note).toContain(
      'before GET repository (232.0 KiB, of which 168.0 KiB in the chunk holding bottleneck'
    )
  })

  it('names what the image step costs from the figures, against raw commands labelled alike', () => {
    const kind = (actionMs: number, labelledMs: number, labelMs: number) => ({
      action: summary(actionMs),
      actionFromSpawn: summary(actionMs + 300),
      phases: { setupMs: 40, buildMs: 1000, labelMs, pushMs: 500, readBackMs: 10 },
      raw: summary(1500),
      rawBuild: summary(1000),
      rawPush: summary(500),
      rawLabelled: summary(labelledMs),
      rawLabelStep: summary(labelMs),
      ratio: actionMs / 1500,
      extraMs: actionMs - 1500,
      ratioLabelled: actionMs / labelledMs,
      extraLabelledMs: actionMs - labelledMs
    })
    const info = { runs: 3, ecrCalls: ['DescribeRepositories'], storageDriver: 'vfs' }
    const within = renderImageSection(
      { cold: kind(4000, 3900, 2400), rebuild: kind(1700, 1650, 100) },
      info
    )
    expect(within.targets.map((t) => t.verdict)).toEqual(['not met', 'met'])
    const note = within.targets[0].note ?? ''
    expect(note).toContain('the label step +2.40 s, the ECR calls and the isolated login +40.0 ms')
    expect(note).toContain('it took 2.40 s on the cold build and 100 ms on the no-change rebuild')
    expect(note).toContain('the step is within the target')
    expect(note).toContain('The storage driver here is vfs, which copies')
    expect(within.markdown).toContain('| Cold build | 40.0 ms | 1.00 s | 2.40 s | 500 ms |')

    const over = renderImageSection(
      { cold: kind(9000, 4000, 2400), rebuild: kind(9000, 4000, 2400) },
      { ...info, storageDriver: 'overlay2' }
    )
    expect(over.targets[0].note).toContain('over the target too')
    expect(over.targets[0].note).toContain('The storage driver here is overlay2;')
  })

  it('counts a scale run with a failure or a missing PR as not met', () => {
    const count = (n: number, failures: number, openPulls = n) => ({
      n,
      allOpenMs: 4000,
      medianBumpMs: 3000,
      failures,
      errors: failures > 0 ? ['secondary rate limit'] : [],
      openPulls,
      requests: 8 * n,
      rateLimited: 0,
      secondaryWaits: 0,
      longestWaitMs: 0
    })
    const { targets } = renderScaleSection(
      [count(1, 0), count(10, 0), count(50, 2, 48), count(50, 0, 49)],
      {
        timeScale: 6,
        latencyMs: 50
      }
    )
    expect(targets.map((t) => t.verdict)).toEqual(['met', 'not met', 'not met'])
  })
})

describe('running the benchmarks', () => {
  it('runs every section unless GIB_BENCH_ONLY names some, and rejects unknown names', () => {
    expect(selectSections(undefined)).toEqual([...SECTION_IDS])
    expect(selectSections(' scale , gitops')).toEqual(['gitops', 'scale'])
    expect(() => selectSections('gitops,bogus')).toThrow('unknown sections: bogus')
  })

  it('finds the checkout from bench/ and from the compiled build/bench/', () => {
    expect(findRepoRoot(path.join(repoRoot, 'bench'))).toBe(repoRoot)
    expect(findRepoRoot(path.join(repoRoot, 'build', 'bench'))).toBe(repoRoot)
  })
})
