// End-to-end: OpenAI's official Node SDK, unchanged but for its base URL, against
// `kinora-cli serve` on 127.0.0.1. Usage: node e2e.mjs KINORA_CLI WORK_DIR
// Exit 0 pass, 1 fail, 77 skipped (the SDK is not installed, or Node is older than 20).
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import assert from 'node:assert/strict';

const [cli, work] = process.argv.slice(2);
if (!cli || !work) {
  console.error('usage: node e2e.mjs KINORA_CLI WORK_DIR');
  process.exit(2);
}
if (Number(process.versions.node.split('.')[0]) < 20) {
  console.log(`skipped: the openai SDK needs Node 20 or later (this is ${process.versions.node})`);
  process.exit(77);
}
let OpenAI, toFile;
try {
  ({ default: OpenAI, toFile } = await import('openai'));
} catch {
  console.log('skipped: the openai package is not installed (npm ci in tests/videos-api)');
  process.exit(77);
}

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const token = 'kinora-e2e-' + Math.random().toString(16).slice(2).padEnd(16, '0');
writeFileSync(join(work, 'token'), token + '\n', { mode: 0o600 });

// The server on any free port; its first line on stdout names it.
const server = spawn(cli, ['serve', '--port', '0', '--data', join(work, 'data'),
                           '--model', 'kinora-tiny-fast', '--token-file', join(work, 'token')],
                     { stdio: ['ignore', 'pipe', 'inherit'] });
const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
const port = await new Promise((resolve, reject) => {
  const lines = createInterface({ input: server.stdout });
  lines.on('line', (line) => {
    const m = line.match(/listening on http:\/\/127\.0\.0\.1:(\d+)\//);
    if (m) resolve(Number(m[1]));
  });
  exited.then(({ code }) => reject(new Error(`the server exited (${code}) before listening`)));
  setTimeout(() => reject(new Error('the server did not start in 120 s')), 120000);
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: token, maxRetries: 0 });

async function finished(video) {
  for (let i = 0; i < 1200 && (video.status === 'queued' || video.status === 'in_progress'); i++) {
    assert.ok(video.progress >= 0 && video.progress <= 100);
    await sleep(100);
    video = await client.videos.retrieve(video.id);
  }
  return video;
}

async function bytesOf(response) {
  return Buffer.from(await response.arrayBuffer());
}

let failed = false;
try {
  // A client written for Sora: model sora-2, 4 seconds, the default size.
  let video = await client.videos.create({ model: 'sora-2', prompt: 'a big red ball bounces on the grass', seconds: '4' });
  assert.equal(video.object, 'video');
  assert.equal(video.model, 'sora-2');
  assert.ok(['queued', 'in_progress'].includes(video.status));
  video = await finished(video);
  assert.equal(video.status, 'completed', JSON.stringify(video.error));
  assert.equal(video.progress, 100);
  assert.equal(video.seconds, '4');
  assert.equal(video.size, '64x64');
  assert.equal(typeof video.completed_at, 'number');

  // The MP4, with content credentials `kinora-cli verify` accepts, and the pictures.
  const mp4 = join(work, 'video.mp4');
  writeFileSync(mp4, await bytesOf(await client.videos.downloadContent(video.id)));
  const verified = execFileSync(cli, ['verify', mp4], { encoding: 'utf8' });
  assert.match(verified, /^valid:/);
  const detected = execFileSync(cli, ['detect', mp4], { encoding: 'utf8' });
  assert.match(detected, /watermark/i);
  const thumbnail = await bytesOf(await client.videos.downloadContent(video.id, { variant: 'thumbnail' }));
  assert.equal(thumbnail.subarray(1, 4).toString(), 'PNG');
  const sheet = await bytesOf(await client.videos.downloadContent(video.id, { variant: 'spritesheet' }));
  assert.equal(sheet.subarray(1, 4).toString(), 'PNG');

  // Image-to-video: the thumbnail as input_reference, uploaded as a file.
  let i2v = await client.videos.create({
    model: 'kinora-tiny-fast', prompt: 'a big red ball bounces on the grass', seconds: '2',
    input_reference: await toFile(thumbnail, 'first.png', { type: 'image/png' }),
  });
  i2v = await finished(i2v);
  assert.equal(i2v.status, 'completed', JSON.stringify(i2v.error));
  assert.equal(i2v.mode, 'image-to-video');

  // Remix: a new prompt, the same seed and settings.
  let remix = await client.videos.remix(video.id, { prompt: 'a big blue ball bounces on the grass' });
  assert.equal(remix.remixed_from_video_id, video.id);
  assert.equal(remix.remix_mode, 'regenerate');
  remix = await finished(remix);
  assert.equal(remix.status, 'completed', JSON.stringify(remix.error));
  assert.equal(remix.seed, video.seed);

  // Extend: the video continued for 2 more seconds; the new video holds both.
  let longer = await client.videos.extend({ video: { id: video.id }, prompt: 'the ball rolls away', seconds: '2' });
  longer = await finished(longer);
  assert.equal(longer.status, 'completed', JSON.stringify(longer.error));
  assert.equal(longer.seconds, '6');
  assert.equal(longer.mode, 'extend-forward');

  // List: the SDK's auto-pagination walks the cursor one video a page.
  const listed = [];
  for await (const v of client.videos.list({ limit: 1, order: 'asc' })) listed.push(v.id);
  assert.deepEqual(listed, [video.id, i2v.id, remix.id, longer.id]);

  // Delete, and the video is gone.
  const deleted = await client.videos.delete(i2v.id);
  assert.equal(deleted.deleted, true);
  assert.equal(deleted.object, 'video.deleted');
  await assert.rejects(client.videos.retrieve(i2v.id), (e) => e instanceof OpenAI.NotFoundError);

  // Refusals arrive as the SDK's own errors.
  await assert.rejects(client.videos.create({ prompt: 'x', size: '720x1280' }),
                       (e) => e instanceof OpenAI.BadRequestError && /sizes: 64x64/.test(e.message) && e.param === 'size');
  const stranger = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'not-the-token', maxRetries: 0 });
  await assert.rejects(stranger.videos.list(), (e) => e instanceof OpenAI.AuthenticationError);
  console.log(`passed: create, retrieve, downloadContent (verified), image-to-video, remix, extend, list, delete, errors on port ${port}`);
} catch (e) {
  failed = true;
  console.error('FAILED:', e);
} finally {
  server.kill('SIGTERM');
  const { code } = await exited;
  if (code !== 0) {
    console.error(`the server exited with ${code} on SIGTERM`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
