tarteaucitron.init({ privacyUrl: '/privacy', orientation: 'bottom', highPrivacy: true, DenyAllCta: true, AcceptAllCta: true, showIcon: false, mandatory: true, googleConsentMode: true });
tarteaucitron.user.matomoId = 1;
tarteaucitron.user.matomoHost = '/matomo/';
tarteaucitron.user.facebookpixelId = '1';
(tarteaucitron.job = tarteaucitron.job || []).push('matomo', 'facebookpixel');
