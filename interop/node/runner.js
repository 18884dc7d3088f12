// CallFire's Node SDK (npm `callfire` 0.2.0), unmodified, through every CccService operation it has
// (interop/README.md). Environment: CF_REST_BASE, CF_LOGIN, CF_PASSWORD, CF_TAG; NODE_PATH holds the
// SDK's node_modules (run.py installs it under build/). Prints RESULT<tab>node<tab>Operation<tab>PASS|FAIL<tab>reason.
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
const client = callfire(env.CF_LOGIN, env.CF_PASSWORD, 'Ccc');
client.base_path = env.CF_REST_BASE;
const TAG = env.CF_TAG || String(Date.now());
const NS = { _: 'http://api.callfire.com/data', r: 'http://api.callfire.com/resource' };
const STATUSES = ['START_PENDING', 'RUNNING', 'STOPPED', 'FINISHED', 'ARCHIVED'];

// ------------------------------------------------------------------ calling the SDK

// The SDK hands its callback the raw body ('' for a 204: it never reads the HTTP status).
function call(method, ...args) {
    return new Promise((resolve) => client[method](...args, resolve));
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
    ['DeleteAgentGroup', ['group'], async () => {
        await expectEmpty('DeleteAgentGroup', s.group);
        await notFound('GetAgentGroup', s.group);
    }],
    ['DeleteCccCampaign', ['campaign'], async () => {
        await expectEmpty('DeleteCccCampaign', s.campaign);
        await notFound('GetCccCampaign', s.campaign);
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
})();
