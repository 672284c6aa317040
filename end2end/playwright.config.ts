import { defineConfig } from "@playwright/test";

// Debian's Chromium, never a downloaded browser. `make test` starts the app and sets BASE_URL.
export default defineConfig({
	testDir: "./tests",
	fullyParallel: true,
	workers: 2,
	retries: 0,
	forbidOnly: true,
	timeout: 30_000,
	expect: { timeout: 10_000 },
	reporter: [["list"]],
	use: {
		baseURL: process.env.BASE_URL ?? "http://127.0.0.1:3000",
		browserName: "chromium",
		launchOptions: {
			executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
			args: [
				"--no-sandbox",
				"--disable-gpu",
				"--disable-quic",
				"--no-first-run",
				"--disable-background-networking",
				"--disable-component-update",
				"--disable-sync",
			],
		},
		trace: "retain-on-failure",
	},
	outputDir: "../target/e2e-results",
});
