#!/usr/bin/env node
// The command's entry: the CLI itself is built into dist/ (packages/platform-portal/src/cli/main.ts).
import '../dist/cli/main.js';
