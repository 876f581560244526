import { registerMessages } from '../../platform/i18n/catalog'

registerMessages({
  'zh-CN': {
    ESTATE_PUBLIC_PARKING_OWNER: '公共车位属于全体业主共有，不能登记产权人',
  },
  'en-US': {
    ESTATE_PUBLIC_PARKING_OWNER:
      'A public parking space belongs to all owners together and cannot have an owner',
  },
})
