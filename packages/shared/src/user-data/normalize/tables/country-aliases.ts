// Other names people type for a country, keyed by `toLookupKey` (ASCII letters only), on top of the CLDR
// names in countries.ts: long official forms, older names, the common abbreviations that are not ISO codes
// (UK, USA, UAE), the four nations of the UK, and a few names in the country's own language.
export const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  usa: 'us', unitedstatesofamerica: 'us', america: 'us', us: 'us',
  uk: 'gb', greatbritain: 'gb', britain: 'gb', england: 'gb', scotland: 'gb', wales: 'gb', northernireland: 'gb',
  unitedkingdomofgreatbritainandnorthernireland: 'gb',
  uae: 'ae', holland: 'nl', nederland: 'nl', deutschland: 'de', germanyfederalrepublicof: 'de', espana: 'es',
  italia: 'it', osterreich: 'at', schweiz: 'ch', suisse: 'ch', svizzera: 'ch', belgie: 'be', belgique: 'be',
  polska: 'pl', sverige: 'se', norge: 'no', danmark: 'dk', suomi: 'fi', brasil: 'br', eire: 'ie',
  republicofireland: 'ie', turkey: 'tr', czechrepublic: 'cz', russianfederation: 'ru', korea: 'kr',
  southkorea: 'kr', republicofkorea: 'kr', korearepublicof: 'kr', democraticpeoplesrepublicofkorea: 'kp',
  peoplesrepublicofchina: 'cn', prc: 'cn', hongkong: 'hk', macau: 'mo', macao: 'mo', taiwanprovinceofchina: 'tw',
  myanmar: 'mm', burma: 'mm', ivorycoast: 'ci', caboverde: 'cv', swaziland: 'sz', macedonia: 'mk',
  holysee: 'va', vatican: 'va', easttimor: 'tl', palestine: 'ps', stateofpalestine: 'ps', vietnam: 'vn',
  iranislamicrepublicof: 'ir', islamicrepublicofiran: 'ir', syrianarabrepublic: 'sy',
  laopeoplesdemocraticrepublic: 'la', bruneidarussalam: 'bn', boliviaplurinationalstateof: 'bo',
  venezuelabolivarianrepublicof: 've', tanzaniaunitedrepublicof: 'tz', unitedrepublicoftanzania: 'tz',
  moldovarepublicof: 'md', republicofmoldova: 'md', micronesiafederatedstatesof: 'fm',
  democraticrepublicofthecongo: 'cd', drcongo: 'cd', drc: 'cd', congodemocraticrepublicofthe: 'cd',
  republicofthecongo: 'cg', congo: 'cg', falklandislandsmalvinas: 'fk', virginislandsbritish: 'vg',
  virginislandsus: 'vi', unitedstatesvirginislands: 'vi', unitedstatesminoroutlyingislands: 'um',
  gambiathe: 'gm', bahamasthe: 'bs', netherlandsthe: 'nl',
}
