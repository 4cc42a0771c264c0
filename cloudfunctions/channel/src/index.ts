// The `channel` cloud function. Thin on purpose: the actions live in server/src/channel.
export { channelMain as main } from '@channel-router/server/functions/channel';
