// The browser under test is automated (navigator.webdriver), which this banner hides itself from by default.
CookieConsent.run({
  hideFromBots: false,
  categories: { necessary: { enabled: true, readOnly: true }, analytics: {}, marketing: {} },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'We use cookies',
          description: 'We and our partners use cookies to measure our audience and show you relevant content.',
          acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Customise'
        },
        preferencesModal: {
          title: 'Cookie settings', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save my choices', closeIconLabel: 'Close',
          sections: [
            { title: 'Essential', description: 'Needed for the site to work', linkedCategory: 'necessary' },
            { title: 'Audience measurement', description: 'Matomo (Acme SAS): _pk_id 13 months, _pk_ses 1 day', linkedCategory: 'analytics' },
            { title: 'Advertising', description: 'AdNet (AdNet Ltd): ad_* 3 months', linkedCategory: 'marketing' }
          ]
        }
      }
    }
  }
});
