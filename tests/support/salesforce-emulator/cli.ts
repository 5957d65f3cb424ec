// `npm run salesforce:emulator`: the Salesforce REST emulator alone, for local development.
// PORT (default 4010) picks the loopback port; point the app at it with the variables it prints.
import { startSalesforceEmulator } from './server';

const emulator = await startSalesforceEmulator({ port: Number(process.env.PORT ?? 4010) });
console.log(`Salesforce emulator on ${emulator.url} (loopback only). Run the app with:`);
for (const [name, value] of Object.entries(emulator.env())) console.log(`  ${name}=${value}`);
console.log(`Control: GET ${emulator.url}/__emulator/state, POST ${emulator.url}/__emulator/faults`);
console.log(`         {"failNext":1} {"latencyMs":150} {"loseNextAnswers":1,"answerLoss":"hang"|"drop"} {"recover":true}`);
console.log(`         POST ${emulator.url}/__emulator/cases/<CaseNumber>/status {"status":"Approved","comment":"…"}`);

const stop = async () => {
  await emulator.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
