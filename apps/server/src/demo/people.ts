import type { SeededRandom } from './random'

export type Gender = 'male' | 'female'

export interface Person {
  name: string
  gender: Gender
  phone: string
  idNumber: string
}

// Common surnames, repeated roughly by how often they occur around Shanghai.
const SURNAMES = [
  ...'王王王王李李李张张张张刘刘陈陈陈陈杨杨黄黄赵吴吴周周周徐徐徐徐孙孙马朱朱朱胡胡郭何高林罗郑梁谢宋唐许韩冯邓曹曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈沈沈姚卢姜崔钟谭陆陆陆汪范金金石廖贾夏韦方邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾顾顾毛郝龚邵万钱钱严武戴孔汤倪倪施施俞俞',
]
const GIVEN: Record<Gender, string[]> = {
  male: [...'伟强磊军勇杰涛明超斌鹏辉华建国平刚峰波宇浩俊晨志文海东林龙翔立新春彬鑫凯嘉毅振宏德荣健忠'],
  female: [...'芳娜敏静丽艳娟霞燕玲萍红婷雪琳洁慧颖倩佳莉蓉琴丹秀英梅兰晶欣怡悦瑶薇雯'],
}

// Where ID numbers were issued (GB/T 2260): mostly Shanghai districts, Pudong most of all, then the provinces
// people commonly move to Shanghai from.
const ID_REGIONS = [
  ...['310115', '310115', '310115', '310115', '310101', '310104', '310105', '310106', '310107', '310109'],
  ...['310110', '310112', '310113', '320102', '320106', '320583', '320402', '330102', '330106', '330203'],
  ...['340104', '340202', '360102', '370102', '410105', '420106', '430102', '510107', '610113', '220102'],
]

// Mobile ranges for made-up numbers; the demo logins use 1380000xxxx, which none of these reach.
const PHONE_PREFIXES = ['1390000', '1370000', '1580000', '1860000', '1350000']

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK_DIGITS = '10X98765432'

/** The 18th character of a resident ID number (GB 11643, ISO 7064 MOD 11-2) for its first 17 digits. */
export function idNumberCheckDigit(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * ID_WEIGHTS[i]!, 0)
  return ID_CHECK_DIGITS[sum % 11]!
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** Makes distinct made-up people: names, mobile numbers and ID numbers of the valid format. */
export class PeopleFactory {
  private readonly names = new Set<string>()
  private readonly phones = new Set<string>()
  private readonly idNumbers = new Set<string>()

  constructor(private readonly rng: SeededRandom) {}

  person(options: { bornFrom: number; bornTo: number; gender?: Gender }): Person {
    const gender = options.gender ?? (this.rng.chance(0.5) ? 'male' : 'female')
    return {
      name: this.name(gender),
      gender,
      phone: this.phone(),
      idNumber: this.idNumber(gender, options.bornFrom, options.bornTo),
    }
  }

  private name(gender: Gender): string {
    for (;;) {
      const given = this.rng.chance(0.35) ? 1 : 2
      const name =
        this.rng.pick(SURNAMES) + Array.from({ length: given }, () => this.rng.pick(GIVEN[gender])).join('')
      if (!this.names.has(name)) {
        this.names.add(name)
        return name
      }
    }
  }

  private phone(): string {
    for (;;) {
      const phone = `${this.rng.pick(PHONE_PREFIXES)}${pad(this.rng.int(0, 9999), 4)}`
      if (!this.phones.has(phone)) {
        this.phones.add(phone)
        return phone
      }
    }
  }

  private idNumber(gender: Gender, bornFrom: number, bornTo: number): string {
    for (;;) {
      const birth = `${this.rng.int(bornFrom, bornTo)}${pad(this.rng.int(1, 12), 2)}${pad(this.rng.int(1, 28), 2)}`
      // The 17th digit is odd for men and even for women.
      const sequence = `${pad(this.rng.int(1, 99), 2)}${this.rng.int(0, 4) * 2 + (gender === 'male' ? 1 : 0)}`
      const first17 = `${this.rng.pick(ID_REGIONS)}${birth}${sequence}`
      const idNumber = first17 + idNumberCheckDigit(first17)
      if (!this.idNumbers.has(idNumber)) {
        this.idNumbers.add(idNumber)
        return idNumber
      }
    }
  }
}
