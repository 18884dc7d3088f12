// CallFire's Node SDK (npm `callfire` 0.2.0), unmodified, through every CccService operation it has, then a
// campaign watched with its Broadcast (contact batches), Call and Subscription clients (interop/README.md).
// Environment: CF_REST_BASE, CF_LOGIN, CF_PASSWORD, CF_TAG; NODE_PATH holds the SDK's node_modules (run.py
// installs it under build/). Prints RESULT<tab>node<tab>Operation<tab>PASS|FAIL<tab>reason.
'use strict';

// Loading, not fixing: callfire.js registers neither the Ccc client nor the CCC resource classes, and it
// must be loaded before Client/Ccc.js (the SDK's circular requires).
const callfire = require('callfire');
const fs = require('fs');
const path = require('path');
const libxmljs = require('libxmljs');
callfire.client.Ccc = require('callfire/Client/Ccc');
const resourceDir = path.join(path.dirname(require.resolve('callfire')), 'Resource');
for (const file of fs.readdirSync(resourceDir)) {
    if (file.endsWith('.js')) {
        callfire.resource[file.slice(0, -3)] = require(path.join(resourceDir, file));
    }
}

const env = process.env;
const http = require('http');
const client = callfire(env.CF_LOGIN, env.CF_PASSWORD, 'Ccc');
client.base_path = env.CF_REST_BASE;
// the SDK's other clients of the new operations, each pointed at the mock the SDK's way
const others = ['Broadcast', 'Call', 'Subscription'].map((type) => {
    const other = callfire(env.CF_LOGIN, env.CF_PASSWORD, type);
    other.base_path = env.CF_REST_BASE;
    return other;
});
const TAG = env.CF_TAG || String(Date.now());
const NS = { _: 'http://api.callfire.com/data', r: 'http://api.callfire.com/resource' };
const STATUSES = ['START_PENDING', 'RUNNING', 'STOPPED', 'FINISHED', 'ARCHIVED'];

// ------------------------------------------------------------------ calling the SDK

// The SDK hands its callback the raw body ('' for a 204: it never reads the HTTP status).
function call(method, ...args) {
    const owner = [client, ...others].find((c) => typeof c[method] === 'function');
    return new Promise((resolve) => owner[method](...args, resolve));
}

// The mock's clock (its admin API, not CallFire's): the watch story runs a campaign by it.
function clock(method, body) {
    const url = new URL(env.CF_REST_BASE.replace(/\/api\/1\.1\/rest\/?$/, '') + '/__admin/clock');
    return new Promise((resolve, reject) => {
        const req = http.request(url, { method, headers: { 'Content-Type': 'application/json' } }, (res) => {
            res.resume();
            res.on('end', () => (res.statusCode === 200
                ? resolve() : reject(new Error(`the mock's clock answered ${res.statusCode}`))));
        });
        req.on('error', reject);
        req.end(body === undefined ? undefined : JSON.stringify(body));
    });
}

function parsed(raw) {
    if (typeof raw !== 'string') {
        throw new Error('transport error: ' + (raw && raw.message));
    }
    return client.response(raw);
}

async function expectEmpty(method, ...args) {
    const raw = await call(method, ...args);
    if (raw !== '') {
        const answer = parsed(raw);
        throw new Error(`expected an empty answer, got ${answer && answer.type}: ${answer && answer.message}`);
    }
}

async function expectType(type, method, ...args) {
    const raw = await call(method, ...args);
    const answer = raw === '' ? null : parsed(raw);
    if (!answer || answer.type !== type) {
        const what = answer ? `${answer.type}${answer.message ? ': ' + answer.message : ''}` : 'an empty answer';
        throw new Error(`expected ${type}, got ${what}`);
    }
    return { answer, raw };
}

async function resource(kind, method, ...args) {
    const { answer, raw } = await expectType('Resource', method, ...args);
    if (!answer.resource || answer.resource.types[0] !== kind) {
        throw new Error(`expected a ${kind} resource`);
    }
    return { res: answer.resource, raw };
}

async function list(method, ...args) {
    return (await expectType('ResourceList', method, ...args)).answer;
}

async function notFound(method, ...args) {
    const { answer } = await expectType('ResourceException', method, ...args);
    if (String(answer.httpStatus) !== '404') {
        throw new Error(`expected HttpStatus 404, got ${answer.httpStatus}: ${answer.message}`);
    }
}

// The SDK keeps list properties (questions, transferNumbers) on the prototypes, growing across parsed
// responses: counts are read from the raw XML the SDK received.
function count(raw, element) {
    return libxmljs.parseXml(raw).find(`//_:${element}`, NS).length;
}

function text(raw, element) {
    const node = libxmljs.parseXml(raw).get(`//_:${element}`, NS);
    return node ? node.text() : undefined;
}

function texts(raw, element) {
    return libxmljs.parseXml(raw).find(`//_:${element}`, NS).map((node) => node.text());
}

function expect(cond, message) {
    if (!cond) {
        throw new Error(message);
    }
}

// ------------------------------------------------------------------ the checks, in story order

const s = {}; // what earlier checks found: campaign, group, agent, email ...
const name = `Node interop ${TAG}`;
const groupName = `Node group ${TAG}`;
const emailA = `node-a-${TAG}@example.com`;
const emailB = `node-b-${TAG}@example.com`;
const invited = `node-invite-${TAG}@example.com`;
const FIRST_NUMBERS = ['12135558001', '12135558002'];
const HELD_NUMBER = '12135558003';
const ENDPOINT = `https://127.0.0.1:9/node-${TAG}?token=n1`;

const CHECKS = [
    ['CreateCccCampaign', [], async () => {
        const { answer } = await expectType('ResourceReference', 'CreateCccCampaign', {
            Name: name,
            FromNumber: '12132212384',
            LocalRestrictBegin: '09:00:00',
            LocalRestrictEnd: '17:00:00',
            MaxAttempts: 2,
            MinutesBetweenAttempts: 30,
            RetryResults: ['BUSY', 'NO_ANS'],
            Question: [{ label: 'Pick one', responseType: 'CHOICE', choices: ['a', 'b'] }],
            TransferNumber: [{ name: 'Desk', number: '12132212385', allowAssistedTransfer: true }],
        });
        expect(/^[0-9]+$/.test(answer.id), `id ${answer.id}`);
        expect(String(answer.location).endsWith(`/ccc/${answer.id}`), `Location ${answer.location}`);
        s.campaign = answer.id;
    }],
    ['GetCccCampaign', ['campaign'], async () => {
        const { res, raw } = await resource('CccCampaign', 'GetCccCampaign', s.campaign);
        expect(res.id === s.campaign && res.name === name, `id/name ${res.id} ${res.name}`);
        expect(res.fromNumber === '12132212384', `FromNumber ${res.fromNumber}`);
        expect(String(res.localRestrictBegin).startsWith('09:00:00'), `LocalRestrictBegin ${res.localRestrictBegin}`);
        expect(STATUSES.includes(res.status), `Status ${res.status}`);
        expect(String(res.retryConfig).includes('BUSY NO_ANS'), `RetryConfig ${res.retryConfig}`);
        expect(count(raw, 'Question') === 1 && count(raw, 'TransferNumber') === 1, 'one question, one transfer number');
        expect(text(raw, 'Choices') === 'a b', `Choices ${text(raw, 'Choices')}`);
    }],
    ['QueryCccCampaigns', ['campaign'], async () => {
        const found = await list('QueryCccCampaigns', { Name: name });
        expect(Number(found.totalResults) === 1 && found.resources.length === 1, `totalResults ${found.totalResults}`);
        expect(found.resources[0].id === s.campaign, `id ${found.resources[0].id}`);
    }],
    ['UpdateCccCampaign', ['campaign'], async () => {
        await expectEmpty('UpdateCccCampaign', s.campaign, { Name: `${name} updated`, LocalRestrictBegin: '10:00:00' });
        const { res } = await resource('CccCampaign', 'GetCccCampaign', s.campaign);
        expect(res.name === `${name} updated`, `Name ${res.name}`);
        expect(String(res.localRestrictBegin).startsWith('10:00:00'), `LocalRestrictBegin ${res.localRestrictBegin}`);
        expect(String(res.retryConfig).includes('BUSY NO_ANS'), `omitted RetryConfig not kept: ${res.retryConfig}`);
    }],
    ['GetCccCampaignStats', ['campaign'], async () => {
        const { res } = await resource('CccCampaignStats', 'GetCccCampaignStats', s.campaign, {});
        expect(/^[0-9]+$/.test(res.callsAttempted), `CallsAttempted ${res.callsAttempted}`);
        const day = new Date(Date.now() - 86400000).toISOString().slice(0, 19) + 'Z';
        const later = new Date(Date.now() + 86400000).toISOString().slice(0, 19) + 'Z';
        const { res: interval } = await resource(
            'CccCampaignStats', 'GetCccCampaignStats', s.campaign, { IntervalBegin: day, IntervalEnd: later });
        expect(/^[0-9]+$/.test(interval.callsAttempted), `CallsAttempted (interval) ${interval.callsAttempted}`);
    }],
    ['ControlCccCampaign', ['campaign'], async () => {
        await expectEmpty('ControlCccCampaign', s.campaign, { Command: 'START' });
        let { res } = await resource('CccCampaign', 'GetCccCampaign', s.campaign);
        expect(['RUNNING', 'START_PENDING'].includes(res.status), `after START: ${res.status}`);
        await expectEmpty('ControlCccCampaign', s.campaign, { Command: 'STOP' });
        ({ res } = await resource('CccCampaign', 'GetCccCampaign', s.campaign));
        expect(res.status === 'STOPPED', `after STOP: ${res.status}`);
    }],
    ['DeleteCccCampaignQuestions', ['campaign'], async () => {
        await expectEmpty('DeleteCccCampaignQuestions', s.campaign);
        const { raw } = await resource('CccCampaign', 'GetCccCampaign', s.campaign);
        expect(count(raw, 'Question') === 0, 'questions left');
        expect(count(raw, 'TransferNumber') === 1, 'transfer number gone too');
    }],
    ['DeleteCccCampaignTransferNumbers', ['campaign'], async () => {
        await expectEmpty('DeleteCccCampaignTransferNumbers', s.campaign);
        const { raw } = await resource('CccCampaign', 'GetCccCampaign', s.campaign);
        expect(count(raw, 'TransferNumber') === 0, 'transfer numbers left');
    }],
    ['CreateAgentGroup', [], async () => {
        const { answer } = await expectType('ResourceReference', 'CreateAgentGroup', { Name: groupName, AgentEmails: [emailA] });
        expect(/^[0-9]+$/.test(answer.id), `id ${answer.id}`);
        s.group = answer.id;
    }],
    ['GetAgentGroup', ['group'], async () => {
        const { res } = await resource('AgentGroup', 'GetAgentGroup', s.group);
        expect(res.id === s.group && res.name === groupName, `id/name ${res.id} ${res.name}`);
        expect(res.agentEmails === emailA, `AgentEmails ${res.agentEmails}`);
    }],
    ['QueryAgentGroups', ['group'], async () => {
        const found = await list('QueryAgentGroups', { Name: groupName });
        expect(Number(found.totalResults) === 1 && found.resources[0].id === s.group, `totalResults ${found.totalResults}`);
    }],
    ['UpdateAgentGroup', ['group'], async () => {
        await expectEmpty('UpdateAgentGroup', s.group, { Name: `${groupName} updated`, AgentEmails: [emailA, emailB] });
        const { res } = await resource('AgentGroup', 'GetAgentGroup', s.group);
        expect(res.name === `${groupName} updated`, `Name ${res.name}`);
        expect(res.agentEmails === `${emailA} ${emailB}`, `AgentEmails ${res.agentEmails}`);
    }],
    ['QueryAgents', ['group'], async () => {
        const all = await list('QueryAgents', {});
        expect(all.resources.length > 0, 'no agents');
        const found = await list('QueryAgents', { AgentEmail: emailA });
        expect(Number(found.totalResults) === 1 && found.resources[0].email === emailA, `by email: ${found.totalResults}`);
        s.agent = found.resources[0].id;
    }],
    ['GetAgent', ['agent'], async () => {
        const { res } = await resource('Agent', 'GetAgent', s.agent);
        expect(res.id === s.agent && res.email === emailA, `id/email ${res.id} ${res.email}`);
    }],
    ['AddAgents', ['campaign', 'agent'], async () => {
        await expectEmpty('AddAgents', s.campaign, { AgentIds: [s.agent] });
        await expectEmpty('AddAgents', s.campaign, { AgentEmails: [emailA] });
        s.added = true;
    }],
    ['GetAgents', ['added'], async () => {
        const found = await list('GetAgents', s.campaign, {});
        const ids = found.resources.map((a) => a.id);
        expect(ids.length === 1 && ids[0] === s.agent, `agents ${ids.join(' ')}`);
    }],
    ['RemoveAgent', ['added'], async () => {
        await expectEmpty('RemoveAgent', s.campaign, s.agent, {});
        const found = await list('GetAgents', s.campaign, {});
        expect(found.resources.length === 0, `agents left: ${found.resources.length}`);
    }],
    ['AddAgentGroups', ['campaign', 'group'], async () => {
        await expectEmpty('AddAgentGroups', s.campaign, { AgentGroupIds: [s.group] });
        s.groupAdded = true;
    }],
    ['GetAgentGroups', ['groupAdded'], async () => {
        const found = await list('GetAgentGroups', s.campaign, {});
        expect(found.resources.some((g) => g.id === s.group), 'group not listed');
    }],
    ['RemoveAgentGroup', ['groupAdded'], async () => {
        await expectEmpty('RemoveAgentGroup', s.campaign, s.group, {});
        const found = await list('GetAgentGroups', s.campaign, {});
        expect(!found.resources.some((g) => g.id === s.group), 'group still listed');
        await resource('AgentGroup', 'GetAgentGroup', s.group); // the group itself stays
    }],
    ['SendAgentInvites', ['campaign'], async () => {
        await expectEmpty('SendAgentInvites', s.campaign, { AgentEmails: [invited] });
        s.invited = true;
    }],
    ['GetAgentInviteUri', ['invited'], async () => {
        // the SDK has no AgentInvite resource: the Resource it returns is empty, the URI is in the raw XML
        const { raw } = await expectType('Resource', 'GetAgentInviteUri', s.campaign, { AgentEmail: invited });
        const uri = text(raw, 'AgentInviteUri');
        expect(/^https?:\/\//.test(uri || ''), `AgentInviteUri ${uri}`);
        expect(text(raw, 'CampaignId') === s.campaign, `CampaignId ${text(raw, 'CampaignId')}`);
    }],
    ['QueryAgentSessions', [], async () => {
        const all = await list('QueryAgentSessions', {});
        if (all.resources.length > 0) {
            const first = all.resources[0];
            const mine = await list('QueryAgentSessions', { CampaignId: first.campaignId });
            expect(mine.resources.every((x) => x.campaignId === first.campaignId), 'CampaignId filter');
            s.session = first;
        } else {
            s.session = null;
        }
    }],
    ['GetAgentSession', [], async () => {
        if (s.session) {
            const { res } = await resource('AgentSession', 'GetAgentSession', s.session.id);
            expect(res.id === s.session.id && res.campaignId === s.session.campaignId, `session ${res.id}`);
        } else {
            await notFound('GetAgentSession', '999999999');
        }
    }],
    // ---- a campaign watched as CallFire's clients watch one: numbers in contact batches, the calls the
    // mock's clock lets it place (read with the Call client), a subscription to its events
    ['CreateContactBatch', ['group'], async () => {
        await clock('POST', { freeze: true });
        s.clock = true;
        const made = await expectType('ResourceReference', 'CreateCccCampaign', {
            Name: `${name} watched`, FromNumber: '12132212384', AgentGroupId: s.group,
        });
        s.watched = made.answer.id;
        const { answer } = await expectType('ResourceReference', 'CreateContactBatch', s.watched, {
            Name: `Node batch ${TAG}`, To: FIRST_NUMBERS, Start: true,
        });
        expect(/^[0-9]+$/.test(answer.id), `id ${answer.id}`);
        expect(String(answer.location).endsWith(`/broadcast/batch/${answer.id}`), `Location ${answer.location}`);
        s.batch = answer.id;
        const { res } = await resource('CccCampaign', 'GetCccCampaign', s.watched);
        expect(['RUNNING', 'START_PENDING'].includes(res.status), `Start=true left the campaign ${res.status}`);
    }],
    ['GetContactBatch', ['batch'], async () => {
        const { res } = await resource('ContactBatch', 'GetContactBatch', s.batch);
        expect(res.id === s.batch && res.name === `Node batch ${TAG}`, `id/name ${res.id} ${res.name}`);
        expect(res.broadcastId === s.watched && res.status === 'ACTIVE', `BroadcastId/Status ${res.broadcastId} ${res.status}`);
        expect(res.size === '2' && res.remaining === '2' && /^\d{4}-/.test(res.created || ''),
            `Size/Remaining/Created ${res.size} ${res.remaining} ${res.created}`);
        await notFound('GetContactBatch', '999999999');
    }],
    ['ControlContactBatch', ['batch'], async () => {
        const made = await expectType('ResourceReference', 'CreateContactBatch', s.watched, {
            Name: `Node held ${TAG}`, To: HELD_NUMBER,
        });
        const held = made.answer.id;
        await expectEmpty('ControlContactBatch', held, { Name: `Node held ${TAG} (renamed)`, Enabled: false });
        const { res } = await resource('ContactBatch', 'GetContactBatch', held);
        expect(res.name === `Node held ${TAG} (renamed)`, `Name after control ${res.name}`);
        await clock('POST', { advance: 3600 });
        const first = await expectType('ResourceList', 'QueryCalls', { BroadcastId: s.watched });
        const dialed = texts(first.raw, 'ToNumber').sort();
        expect(dialed.join(' ') === FIRST_NUMBERS.join(' '), `an hour on, with the second batch disabled: ${dialed}`);
        const { res: waiting } = await resource('ContactBatch', 'GetContactBatch', held);
        expect(waiting.remaining === '1', `disabled batch Remaining ${waiting.remaining}`);
        await expectEmpty('ControlContactBatch', held, { Enabled: true });
        await clock('POST', { advance: 3600 });
        const later = await expectType('ResourceList', 'QueryCalls', { BatchId: held });
        expect(later.answer.resources.length === 1 && texts(later.raw, 'ToNumber')[0] === HELD_NUMBER
            && later.answer.resources[0].batchId === held, `after enabling it: ${texts(later.raw, 'ToNumber')}`);
        s.held = held;
    }],
    ['QueryContactBatches', ['held'], async () => {
        const found = await list('QueryContactBatches', s.watched, {});
        const got = found.resources.map((b) => `${b.id}:${b.size}:${b.remaining}`).join(' ');
        expect(Number(found.totalResults) === 2 && got === `${s.batch}:2:0 ${s.held}:1:0`, `batches ${got}`);
        const page = await list('QueryContactBatches', s.watched, { FirstResult: 1, MaxResults: 1 });
        expect(page.resources.length === 1 && page.resources[0].id === s.held, 'FirstResult=1 MaxResults=1');
        await notFound('QueryContactBatches', '999999999', {});
    }],
    ['QueryCalls', ['held'], async () => {
        const { answer, raw } = await expectType('ResourceList', 'QueryCalls', { BroadcastId: s.watched });
        const want = [...FIRST_NUMBERS, HELD_NUMBER].sort().join(' ');
        expect(Number(answer.totalResults) === 3 && texts(raw, 'ToNumber').sort().join(' ') === want,
            `calls to ${texts(raw, 'ToNumber')}`);
        for (const c of answer.resources) {
            expect(c.broadcastId === s.watched && c.fromNumber === '12132212384' && c.state === 'FINISHED',
                `call ${c.id}: BroadcastId ${c.broadcastId}, FromNumber ${c.fromNumber}, State ${c.state}`);
            expect(c.finalResult, `call ${c.id} without FinalResult`);
        }
        expect(count(raw, 'CallRecord') >= 3, `${count(raw, 'CallRecord')} CallRecord(s) for 3 calls`);
        const mine = await list('QueryCalls', { BroadcastId: s.watched, BatchId: s.batch });
        expect(mine.resources.length === 2 && mine.resources.every((c) => c.batchId === s.batch), 'BatchId filter');
        const ready = await list('QueryCalls', { BroadcastId: s.watched, State: ['READY'] });
        expect(Number(ready.totalResults) === 0, `State[0]=READY listed ${ready.totalResults}`);
        const result = answer.resources[0].finalResult;
        const same = await list('QueryCalls', { BroadcastId: s.watched, Result: [result] });
        expect(same.resources.length > 0 && same.resources.every((c) => c.finalResult === result), `Result[0]=${result}`);
        s.call = answer.resources[0];
    }],
    ['GetCall', ['call'], async () => {
        const { res, raw } = await resource('Call', 'GetCall', s.call.id);
        expect(res.id === s.call.id && res.toNumber === s.call.toNumber && res.state === s.call.state
            && res.finalResult === s.call.finalResult, `GetCall ${res.id} differs from what QueryCalls listed`);
        expect(count(raw, 'CallRecord') >= 1, 'no CallRecord');
        await notFound('GetCall', '1');
    }],
    ['CreateSubscription', [], async () => {
        const { answer } = await expectType('ResourceReference', 'CreateSubscription', {
            Enabled: true, Endpoint: ENDPOINT, NotificationFormat: 'XML', TriggerEvent: 'CAMPAIGN_STOPPED',
            BroadcastId: s.watched || '1001', FromNumber: '12132212384',
        });
        expect(/^[0-9]+$/.test(answer.id), `id ${answer.id}`);
        expect(String(answer.location).endsWith(`/subscription/${answer.id}`), `Location ${answer.location}`);
        s.sub = answer.id;
        s.subBroadcast = s.watched || '1001';
    }],
    ['GetSubscription', ['sub'], async () => {
        const { res } = await resource('Subscription', 'GetSubscription', s.sub);
        expect(res.id === s.sub && res.enabled === 'true' && res.endpoint === ENDPOINT,
            `id/Enabled/Endpoint ${res.id} ${res.enabled} ${res.endpoint}`);
        expect(res.notificationFormat === 'XML' && res.triggerEvent === 'CAMPAIGN_STOPPED',
            `NotificationFormat/TriggerEvent ${res.notificationFormat} ${res.triggerEvent}`);
        const f = res.subscriptionFilter || {};
        expect(f.broadcastId === s.subBroadcast && f.fromNumber === '12132212384', `filter ${f.broadcastId} ${f.fromNumber}`);
    }],
    ['QuerySubscriptions', ['sub'], async () => {
        const found = await list('QuerySubscriptions', { MaxResults: 1000 });
        const mine = found.resources.filter((x) => x.id === s.sub);
        expect(mine.length === 1 && mine[0].triggerEvent === 'CAMPAIGN_STOPPED', `subscription ${s.sub} not listed`);
    }],
    ['UpdateSubscription', ['sub'], async () => {
        await expectEmpty('UpdateSubscription', s.sub, { Enabled: false, TriggerEvent: 'CAMPAIGN_FINISHED' });
        const { res } = await resource('Subscription', 'GetSubscription', s.sub);
        expect(res.enabled === 'false' && res.triggerEvent === 'CAMPAIGN_FINISHED',
            `Enabled/TriggerEvent after update ${res.enabled} ${res.triggerEvent}`);
        expect(res.endpoint === ENDPOINT && (res.subscriptionFilter || {}).broadcastId === s.subBroadcast,
            'fields the update left out changed');
    }],
    ['DeleteSubscription', ['sub'], async () => {
        await expectEmpty('DeleteSubscription', s.sub);
        await notFound('GetSubscription', s.sub);
    }],
    ['DeleteAgentGroup', ['group'], async () => {
        await expectEmpty('DeleteAgentGroup', s.group);
        await notFound('GetAgentGroup', s.group);
    }],
    ['DeleteCccCampaign', ['campaign'], async () => {
        await expectEmpty('DeleteCccCampaign', s.campaign);
        await notFound('GetCccCampaign', s.campaign);
        if (s.watched) {
            await expectEmpty('DeleteCccCampaign', s.watched);
        }
    }],
];

function result(op, status, reason) {
    process.stdout.write(`RESULT\tnode\t${op}\t${status}\t${String(reason || '').replace(/\s+/g, ' ')}\n`);
}

(async () => {
    for (const [op, needs, run] of CHECKS) {
        const missing = needs.filter((k) => s[k] === undefined || s[k] === null || s[k] === false);
        if (missing.length) {
            result(op, 'FAIL', `skipped: needs ${missing.join(', ')}`);
            continue;
        }
        try {
            await run();
            result(op, 'PASS', '');
        } catch (err) {
            result(op, 'FAIL', err && err.message);
        }
    }
    if (s.clock) {
        await clock('DELETE').catch((err) => process.stderr.write(`could not give the clock back: ${err.message}\n`));
    }
})();
