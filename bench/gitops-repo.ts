/**
 * A realistic GitOps repository of any size, the layout SPEC.md describes: per environment and
 * application a Helm values file `values/<env>/<app>/values.yaml` and an ArgoCD Application
 * `argocd/applications/<env>/<app>.yaml`, plus the App-of-Apps and projects. Every file differs
 * (names, images, ports, replicas), as in a real repository, so git cannot pack them to nothing.
 */

export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const
export const REGISTRY = '226633502530.dkr.ecr.us-east-1.amazonaws.com'

/** `app-00042` */
export function appName(index: number): string {
  return `app-${String(index).padStart(5, '0')}`
}

/** A stable 7-hex-digit pseudo sha for a name, so image tags differ per file. */
export function pseudoSha(name: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0).toString(16).padStart(8, '0').slice(0, 7)
}

export function valuesPath(environment: string, app: string): string {
  return `values/${environment}/${app}/values.yaml`
}

export function valuesFileText(environment: string, app: string, index: number): string {
  const port = 8000 + (index % 50)
  const replicas = environment === 'prod' ? 3 + (index % 3) : 1 + (index % 2)
  return `# ${app} in ${environment}: Helm values for the acme microservice chart.
# CI owns one line: microservice.image. Edit everything else by hand.

microservice:
  name: ${app}
  namespace: ${app}-${environment}

  # registry/repository:tag (tag = branch-sha7-run)
  image: ${REGISTRY}/${app}:main-${pseudoSha(`${environment}/${app}`)}-${(index % 97) + 1} # set by CI

  port: ${port}
  replicas: ${replicas}

  securityContext:
    runAsUser: 1001
    runAsGroup: 1001
    runAsNonRoot: true
    allowPrivilegeEscalation: false
    readOnlyRootFilesystem: true

  livenessProbe:
    httpGet:
      path: /health
      port: ${port}
    periodSeconds: 10
  readinessProbe:
    httpGet:
      path: /health
      port: ${port}
    periodSeconds: 5

  resources:
    requests:
      cpu: ${25 + (index % 4) * 25}m
      memory: ${64 * (1 + (index % 4))}Mi
    limits:
      memory: ${256 * (1 + (index % 2))}Mi
`
}

export function applicationText(environment: string, app: string): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${app}-${environment}
  namespace: argocd
spec:
  project: ${environment}
  destination:
    server: https://kubernetes.default.svc
    namespace: ${app}-${environment}
  sources:
    - repoURL: https://github.com/acme/helm-charts.git
      path: charts/microservice
      targetRevision: main
      helm:
        valueFiles:
          - $values/values/${environment}/${app}/values.yaml
    - repoURL: https://github.com/acme/gitops-apps.git
      targetRevision: main
      ref: values
  syncPolicy:
    automated: { prune: true, selfHeal: true }
`
}

/** The files that exist whatever the size: README, App-of-Apps and project per environment. */
function fixedFiles(): Record<string, string> {
  const files: Record<string, string> = {
    'README.md': '# acme/gitops-apps\n\nHelm values and ArgoCD Applications of every service.\n'
  }
  for (const environment of ENVIRONMENTS) {
    files[`argocd/app-of-apps/${environment}.yaml`] =
      `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: apps-${environment}\nspec:\n  source:\n    path: argocd/applications/${environment}\n`
    files[`argocd/projects/${environment}.yaml`] =
      `apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: ${environment}\n`
  }
  return files
}

/**
 * Exactly `count` files: the fixed ones, then for app 1, 2, … and each environment its values file
 * and its Application, until the count is reached.
 */
export function gitopsRepoFiles(count: number): Record<string, string> {
  const files = fixedFiles()
  let size = Object.keys(files).length
  if (count < size) throw new Error(`a GitOps repository needs at least ${size} files`)
  for (let index = 1; size < count; index++) {
    const app = appName(index)
    for (const environment of ENVIRONMENTS) {
      if (size >= count) break
      files[valuesPath(environment, app)] = valuesFileText(environment, app, index)
      size++
      if (size >= count) break
      files[`argocd/applications/${environment}/${app}.yaml`] = applicationText(environment, app)
      size++
    }
  }
  return files
}

/** The first `wanted` apps that have a values file for `environment` in `files`. */
export function bumpableApps(
  files: Record<string, string>,
  wanted: number,
  environment = 'dev'
): string[] {
  const apps: string[] = []
  for (let index = 1; apps.length < wanted; index++) {
    const app = appName(index)
    if (!(valuesPath(environment, app) in files)) break
    apps.push(app)
  }
  return apps
}
