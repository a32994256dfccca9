// Canadian province and territory names → Canada Post two-letter codes, keyed by ASCII letters only. Meta asks
// for the 2-letter "state/province" code (platforms.md 1.3), and Canada is the other country whose
// customers commonly type the full name.
export const CA_PROVINCES: Readonly<Record<string, string>> = {
  alberta: 'ab', britishcolumbia: 'bc', manitoba: 'mb', newbrunswick: 'nb', newfoundlandandlabrador: 'nl', newfoundlandlabrador: 'nl',
  newfoundland: 'nl', novascotia: 'ns', northwestterritories: 'nt', nunavut: 'nu', ontario: 'on',
  princeedwardisland: 'pe', quebec: 'qc', saskatchewan: 'sk', yukon: 'yt', yukonterritory: 'yt',
}
