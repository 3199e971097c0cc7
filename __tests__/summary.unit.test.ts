import { describe, expect, it } from '@jest/globals'
import { renderSummary, type DoneReport } from '../src/summary.js'

const done: DoneReport = {
  kind: 'done',
  app: 'myapp-010',
  environment: 'dev',
  dryRun: false,
  image: '226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp-010:main-abc1234-1',
  digest: 'sha256:' + 'a'.repeat(64),
  imageSource: 'built',
  repositoryCreated: true,
  gitopsRepository: 'acme/gitops-apps',
  valuesFile: 'values/dev/myapp-010/values.yaml',
  operation: 'created',
  pullRequestUrl: 'https://github.com/acme/gitops-apps/pull/7',
  pullRequestNumber: '7',
  commitSha: 'c'.repeat(40),
  diff: '--- a/values.yaml\n+++ b/values.yaml\n@@ -1 +1 @@\n-  image: old\n+  image: new\n',
  notes: []
}

describe('renderSummary', () => {
  it('shows the image, digest, repository creation, PR link and the values diff on success', () => {
    const text = renderSummary(done)
    expect(text).toContain('### ✅ Bumped: `myapp-010` → `dev`')
    expect(text).toContain(`\`${done.image}\` (built and pushed, repository created)`)
    expect(text).toContain(`\`${done.digest}\``)
    expect(text).toContain('pull request opened [#7](https://github.com/acme/gitops-apps/pull/7)')
    expect(text).toContain(
      '```diff\n--- a/values.yaml\n+++ b/values.yaml\n@@ -1 +1 @@\n-  image: old\n+  image: new\n```'
    )
  })

  it('stays short enough for a phone, with no run of blank lines', () => {
    expect(renderSummary(done).split('\n').length).toBeLessThan(20)
    expect(renderSummary(done)).not.toMatch(/\n\n\n/)
  })

  it('says a dry run changed nothing', () => {
    const text = renderSummary({ ...done, dryRun: true, imageSource: 'planned', operation: 'none' })
    expect(text).toContain('### 🧪 Dry run')
    expect(text).toContain('dry run: nothing was changed')
  })

  it('points at the newer PR when superseded', () => {
    expect(
      renderSummary({ ...done, operation: 'superseded', supersededBy: 'newer run 9 in #8' })
    ).toContain(
      'a newer run already bumped this file [#7](https://github.com/acme/gitops-apps/pull/7) (newer run 9 in #8)'
    )
  })

  it('gives the reason of a skip', () => {
    expect(
      renderSummary({
        kind: 'skipped',
        app: 'a',
        environment: 'dev',
        reason: 'all 2 changed files match paths-ignore: README.md, docs/x.md'
      })
    ).toBe(
      '### ⏭️ Skipped: `a` → `dev`\n\nall 2 changed files match paths-ignore: README.md, docs/x.md\n\nSet `force: true` to build anyway.\n'
    )
  })

  it('gives the error, what to do and what was done on a failure, without raw HTML', () => {
    const text = renderSummary({
      kind: 'failed',
      app: 'a',
      environment: 'dev',
      step: 'GitOps pull request',
      message: 'values file <script> missing',
      hint: 'Merge the onboarding PR.',
      done: ['image pushed: r/a:1']
    })
    expect(text).toContain('**values file &lt;script&gt; missing**')
    expect(text).toContain('Merge the onboarding PR.')
    expect(text).toContain('- image pushed: r/a:1')
  })
})
