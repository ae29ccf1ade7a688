import { honoNodeServerAttachHost } from './hosts.js'
import { describeSmoke } from './smoke.js'

describeSmoke(honoNodeServerAttachHost)
