// The AWS SDK warns once per process that Node 20 support ends; the tests pin Node 20 on purpose.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
