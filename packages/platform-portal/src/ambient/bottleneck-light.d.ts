// Bottleneck ships types for its main entry only; the light build (what Octokit's throttling
// plugin uses, and what runs in Workers) has the same API.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
