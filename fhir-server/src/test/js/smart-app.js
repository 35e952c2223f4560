// A SMART app built on the SMART JavaScript client (npm "fhirclient"), run headless under Node by SmartJsClientTest.
//   node smart-app.js authorize <iss> <clientId> <redirectUri> <scope>
//       discovery and the authorization redirect; prints {"url": ..., "session": ...}
//   node smart-app.js ready <callbackPathAndQuery> <sessionJson>
//       the code exchange and a read of the patient in context; prints {"patient": ..., "family": ...}
const smart = require("fhirclient");

function exchange(url, session) {
  const req = { headers: { host: "app.example" }, url, socket: {}, session };
  const res = { writeHead() {}, setHeader() {}, end() {} };
  return smart(req, res);
}

function fail(error) {
  console.error(error && error.message ? error.message : String(error));
  process.exit(1);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === "authorize") {
  const [iss, clientId, redirectUri, scope] = args;
  const session = {};
  exchange("/launch", session)
    .authorize({ iss, clientId, redirectUri, scope, pkceMode: "required", noRedirect: true })
    .then(url => console.log(JSON.stringify({ url, session })))
    .catch(fail);
} else if (mode === "ready") {
  const [callback, sessionJson] = args;
  exchange(callback, JSON.parse(sessionJson))
    .ready()
    .then(async client => {
      const patient = await client.patient.read();
      console.log(JSON.stringify({ patient: client.patient.id, family: patient.name[0].family }));
    })
    .catch(fail);
} else {
  fail("usage: smart-app.js authorize|ready ...");
}
