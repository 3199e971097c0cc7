/**
 * `bottleneck/light.js`, the build without Redis clustering that @octokit/plugin-throttling
 * imports, has no type declarations of its own: it is the same API as `bottleneck`.
 */
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck'
  export default Bottleneck
}
