import { roomTopic, routeTopic, type PresenceEvent } from '@wsbridge/core'
import { expect } from 'vitest'
import { defineCaseGroup } from '../case.js'
import type { WireClient } from '../client.js'
import type { SuiteContext } from '../context.js'
import { expectQuiet } from '../helpers.js'

/** A command every pub/sub route answers: the probe of `expectQuiet`. */
const STATE = { type: 'state' }

/** Sends a pub/sub command and waits for its ack (and anything the server sends before it). */
async function command(client: WireClient, message: Record<string, unknown>): Promise<Record<string, unknown>> {
  client.send(message)
  const ack = (await client.next()) as Record<string, unknown>
  expect(ack).toMatchObject({ ack: message['type'] })
  return ack
}

/** Clients on /pubsub, each subscribed to `topic` when given. */
async function clients(ctx: SuiteContext, count: number, topic?: string): Promise<WireClient[]> {
  const list = await Promise.all(Array.from({ length: count }, (_, i) => ctx.connect(`/pubsub?name=u${i}`)))
  if (topic) for (const client of list) await command(client, { type: 'sub', topic })
  return list
}

const unique = (name: string): string => `${name}-${crypto.randomUUID()}`

export const pubsubGroup = defineCaseGroup({
  name: 'pubsub',
  cases: [
    {
      name: 'publish reaches the other subscribers and not the sender (default)',
      async run(ctx) {
        const topic = unique('t')
        const [a, b, c] = await clients(ctx, 3, topic)
        const [outsider] = await clients(ctx, 1)
        expect(await command(a!, { type: 'pub', topic, data: { n: 1 } })).toEqual({ ack: 'pub', delivered: 2 })
        expect(await b!.next()).toEqual({ n: 1 })
        expect(await c!.next()).toEqual({ n: 1 })
        await expectQuiet(a!, STATE, { ack: 'state' })
        await expectQuiet(outsider!, STATE, { ack: 'state' })
        expect(await ctx.running.subscriberCount(topic)).toBe(3)
      },
    },
    {
      name: 'includeSelf: true delivers to the sender too, before its ack',
      async run(ctx) {
        const topic = unique('t')
        const [a, b] = await clients(ctx, 2, topic)
        a!.send({ type: 'pub', topic, data: 'mine too', includeSelf: true })
        expect(await a!.take(2)).toEqual(['mine too', { ack: 'pub', delivered: 2 }])
        expect(await b!.next()).toBe('mine too')
      },
    },
    {
      name: 'bridge.publish from outside any handler reaches every subscriber',
      async run(ctx) {
        const topic = unique('t')
        const [a, b] = await clients(ctx, 2, topic)
        expect(await ctx.running.publish(topic, { from: 'http' })).toBe(2)
        expect(await a!.next()).toEqual({ from: 'http' })
        expect(await b!.next()).toEqual({ from: 'http' })
      },
    },
    {
      name: 'unsubscribe stops delivery',
      async run(ctx) {
        const topic = unique('t')
        const [a, b] = await clients(ctx, 2, topic)
        await command(b!, { type: 'unsub', topic })
        a!.send({ type: 'pub', topic, data: 1, includeSelf: true })
        expect(await a!.take(2)).toEqual([1, { ack: 'pub', delivered: 1 }])
        await expectQuiet(b!, STATE, { ack: 'state' })
        expect(await command(a!, { type: 'state' })).toMatchObject({ topics: [topic], rooms: [] })
      },
    },
    {
      name: 'rooms: broadcast to rooms (a member of two gets it once), and to the whole route without rooms',
      async run(ctx) {
        const [r1, both, r2, none] = await clients(ctx, 4)
        const [otherRoute] = await Promise.all([ctx.connect('/pubsubOther')])
        const room1 = unique('r1')
        const room2 = unique('r2')
        await command(r1!, { type: 'join', room: room1 })
        await command(both!, { type: 'join', room: room1 })
        await command(both!, { type: 'join', room: room2 })
        await command(r2!, { type: 'join', room: room2 })
        await command(otherRoute!, { type: 'join', room: room1 })
        expect(await command(both!, { type: 'state' })).toMatchObject({ rooms: [room1, room2].sort() })
        expect(await ctx.running.subscriberCount(roomTopic('pubsub', room1))).toBe(2)

        expect(await command(r1!, { type: 'broadcast', data: 'rooms', rooms: [room1, room2] })).toEqual({ ack: 'broadcast', delivered: 2 })
        expect(await both!.next()).toBe('rooms')
        expect(await r2!.next()).toBe('rooms')

        r1!.send({ type: 'broadcast', data: 'everyone', includeSelf: true })
        expect(await r1!.take(2)).toEqual(['everyone', { ack: 'broadcast', delivered: 4 }])
        for (const client of [both!, r2!, none!]) expect(await client.next()).toBe('everyone')
        // Same room name on another route is another room, and route-wide broadcast stays on its route.
        await expectQuiet(otherRoute!, STATE, { ack: 'state' })
        await expectQuiet(both!, STATE, { ack: 'state' })
      },
    },
    {
      name: 'closing removes a connection from every topic; the topic index empties (no leaks)',
      timeout: 15000,
      async run(ctx) {
        const list = await clients(ctx, 6)
        for (const [i, client] of list.entries()) {
          await command(client, { type: 'sub', topic: unique(`leak${i % 2}`) })
          await command(client, { type: 'join', room: `leak-room-${i % 3}` })
        }
        expect(await ctx.running.topicCount()).toBeGreaterThan(0)
        list.forEach((client, i) => (i % 2 ? client.close() : client.terminate()))
        await ctx.running.connectionsAre(0)
        await ctx.running.poll(async () => (await ctx.running.topicCount()) === 0, 'topicCount 0')
        expect(await ctx.running.subscriberCount(routeTopic('pubsub'))).toBe(0)
      },
    },
    {
      name: 'presence lists { id, user } per topic and emits join and leave events',
      async run(ctx) {
        const topic = unique('presence')
        await ctx.running.watchPresence()
        const events = (): PresenceEvent[] => (ctx.running.events.presence as PresenceEvent[]).filter((event) => event.topic === topic)
        const ann = await ctx.connect('/pubsub?name=ann')
        const bob = await ctx.connect('/pubsub?name=bob')
        await command(ann, { type: 'sub', topic })
        await command(bob, { type: 'sub', topic })
        const annId = (await command(ann, { type: 'state' }))['id']
        const bobId = (await command(bob, { type: 'state' }))['id']
        const members = await ctx.running.presence(topic)
        expect(members.map((m) => m.user)).toEqual([{ name: 'ann' }, { name: 'bob' }])
        expect(members.map((m) => m.id)).toEqual([annId, bobId])
        // One instance, no shared presence: the cluster-wide answer is the local one.
        expect(await ctx.running.clusterPresence(topic)).toEqual(members)
        bob.close()
        await ctx.running.until(() => events().length === 3, 'the leave event')
        expect(events().map((e) => `${e.type} ${(e.member.user as { name: string }).name}`)).toEqual(['join ann', 'join bob', 'leave bob'])
        expect(events()[2]?.member.id).toBe(bobId)
        expect(await ctx.running.presence(topic)).toEqual([{ id: annId, user: { name: 'ann' } }])
      },
    },
  ],
})
