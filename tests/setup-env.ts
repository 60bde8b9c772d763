// The AWS SDK warns once per process that Node 20 support ends; the tests pin Node 20 on purpose.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// The tests that need GitHub Actions' variables set them; a run inside GitHub Actions must not add
// annotations and step summaries to every other CLI test's output.
delete process.env.GITHUB_ACTIONS;
delete process.env.GITHUB_STEP_SUMMARY;
