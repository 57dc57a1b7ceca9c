/* Indonesian phrases for Decap CMS's interface (Decap ships no `id` locale).
 *
 * Same keys as decap-cms-locales `en` (3.x); Decap merges a registered locale over
 * English, so a phrase missing here (or added by a later Decap) shows in English.
 * The editorial workflow's three columns are the SOP's steps: the staff collect
 * (Draf), submit to the Ketua (Diajukan ke Ketua), and the item is ready to publish.
 * Loaded after decap-cms.js, before CMS.init (see pipeline/formulir/admin.py).
 */
(function () {
  'use strict';
  var id = {
    auth: {
      login: 'Masuk',
      loggingIn: 'Sedang masuk...',
      loginWithNetlifyIdentity: 'Masuk dengan Netlify Identity',
      loginWithAzure: 'Masuk dengan Azure',
      loginWithBitbucket: 'Masuk dengan Bitbucket',
      loginWithGitHub: 'Masuk dengan GitHub',
      loginWithGitLab: 'Masuk dengan GitLab',
      loginWithGitea: 'Masuk dengan Gitea',
      loginWithForgejo: 'Masuk dengan Forgejo',
      errors: {
        email: 'Isi alamat surel Anda.',
        password: 'Isi kata sandi Anda.',
        identitySettings:
          'Pengaturan identitas tidak dapat dibaca. Untuk backend git-gateway, aktifkan layanan Identity dan Git Gateway.',
      },
    },
    app: {
      header: {
        content: 'Isi',
        workflow: 'Alur persetujuan',
        media: 'Berkas',
        quickAdd: 'Tambah cepat',
      },
      app: {
        errorHeader: 'Konfigurasi formulir tidak dapat dimuat',
        configErrors: 'Kesalahan konfigurasi',
        checkConfigYml: 'Periksa berkas config.yml.',
        loadingConfig: 'Memuat konfigurasi...',
        waitingBackend: 'Menunggu server...',
      },
      notFoundPage: {
        header: 'Halaman tidak ditemukan',
      },
    },
    collection: {
      sidebar: {
        collections: 'Koleksi',
        allCollections: 'Semua koleksi',
        searchAll: 'Cari di semua',
        searchIn: 'Cari di',
      },
      collectionTop: {
        sortBy: 'Urutkan',
        viewAs: 'Tampilan',
        viewAsList: 'Tampilan daftar',
        viewAsGrid: 'Tampilan kisi',
        newButton: '＋ %{collectionLabel}',
        newButtonAriaLabel: 'Buat %{collectionLabel} baru',
        ascending: 'Naik',
        descending: 'Turun',
        searchResults: 'Hasil pencarian "%{searchTerm}"',
        searchResultsInCollection: 'Hasil pencarian "%{searchTerm}" di %{collection}',
        filterBy: 'Saring',
        groupBy: 'Kelompokkan',
      },
      entries: {
        loadingEntries: 'Memuat isian...',
        cachingEntries: 'Menyimpan isian sementara...',
        longerLoading: 'Ini bisa memakan waktu beberapa menit',
        noEntries: 'Belum ada isian',
        unpublishedHeader: 'Isian yang belum terbit',
      },
      groups: {
        other: 'Lainnya',
        negateLabel: 'Bukan %{label}',
      },
      defaultFields: {
        author: {
          label: 'Penulis',
        },
        updatedOn: {
          label: 'Diperbarui',
        },
      },
    },
    editor: {
      editorControl: {
        field: {
          optional: 'tidak wajib',
          widgetLabel: 'kolom %{widgetLabel}',
        },
      },
      editorControlPane: {
        widget: {
          required: '%{fieldLabel} wajib diisi.',
          regexPattern: '%{fieldLabel} tidak sesuai pola: %{pattern}.',
          processing: '%{fieldLabel} sedang diproses.',
          range: '%{fieldLabel} harus antara %{minValue} dan %{maxValue}.',
          min: '%{fieldLabel} paling sedikit %{minValue}.',
          max: '%{fieldLabel} paling banyak %{maxValue}.',
          rangeCount: '%{fieldLabel} harus berisi %{minCount} sampai %{maxCount} butir.',
          rangeCountExact: '%{fieldLabel} harus berisi tepat %{count} butir.',
          rangeMin: '%{fieldLabel} harus berisi paling sedikit %{minCount} butir.',
          rangeMax: '%{fieldLabel} harus berisi paling banyak %{maxCount} butir.',
          invalidPath: "'%{path}' bukan jalur yang sah",
          pathExists: "Jalur '%{path}' sudah ada",
        },
        i18n: {
          writingInLocale: 'Menulis dalam %{locale}',
          copyFromLocale: 'Isi dari bahasa lain',
          copyFromLocaleConfirm:
            'Isi dari bahasa %{locale}?\nSemua isi yang ada akan ditimpa.',
        },
      },
      editor: {
        onLeavePage: 'Yakin ingin meninggalkan halaman ini?',
        onUpdatingWithUnsavedChanges:
          'Ada perubahan yang belum disimpan. Simpan dulu sebelum mengubah status.',
        onPublishingNotReady: 'Ubah status menjadi "Siap terbit" sebelum menerbitkan.',
        onPublishingWithUnsavedChanges:
          'Ada perubahan yang belum disimpan. Simpan dulu sebelum menerbitkan.',
        onPublishing: 'Yakin ingin menerbitkan isian ini?',
        onUnpublishing: 'Yakin ingin menarik isian ini dari terbitan?',
        onDeleteWithUnsavedChanges:
          'Yakin ingin menghapus isian yang sudah terbit ini, beserta perubahan yang belum disimpan?',
        onDeletePublishedEntry: 'Yakin ingin menghapus isian yang sudah terbit ini?',
        onDeleteUnpublishedChangesWithUnsavedChanges:
          'Semua perubahan yang belum terbit pada isian ini akan dihapus, beserta perubahan yang belum disimpan. Tetap hapus?',
        onDeleteUnpublishedChanges:
          'Semua perubahan yang belum terbit pada isian ini akan dihapus. Tetap hapus?',
        loadingEntry: 'Memuat isian...',
        confirmLoadBackup:
          'Ada cadangan isian ini yang tersimpan di peramban. Pakai cadangan itu?',
      },
      editorInterface: {
        toggleI18n: 'Tampilkan/sembunyikan bahasa lain',
        togglePreview: 'Tampilkan/sembunyikan pratinjau',
        toggleScrollSync: 'Gulir bersamaan',
        toggleNotes: 'Tampilkan/sembunyikan catatan',
      },
      editorNotesPane: {
        title: 'Catatan',
        emptyState: 'Belum ada catatan. Tulis catatan pertama di bawah.',
        addNote: 'Tambah catatan',
        addPlaceholder: 'Tulis catatan...',
        editPlaceholder: 'Ubah catatan...',
        save: 'Simpan',
        cancel: 'Batal',
        edit: 'Ubah',
        delete: 'Hapus',
        resolve: 'Tandai selesai',
        unresolve: 'Buka lagi',
        confirmDelete: 'Yakin ingin menghapus catatan ini?',
        shortcut: 'Kiat: tekan Ctrl+Enter untuk menambah catatan',
      },
      editorToolbar: {
        publishing: 'Menerbitkan...',
        publish: 'Terbitkan',
        published: 'Terbit',
        unpublish: 'Tarik dari terbitan',
        duplicate: 'Salin',
        unpublishing: 'Menarik dari terbitan...',
        publishAndCreateNew: 'Terbitkan lalu buat baru',
        publishAndDuplicate: 'Terbitkan lalu salin',
        deleteUnpublishedChanges: 'Hapus perubahan yang belum terbit',
        deleteUnpublishedEntry: 'Hapus isian yang belum terbit',
        deletePublishedEntry: 'Hapus isian yang sudah terbit',
        deleteEntry: 'Hapus isian',
        saving: 'Menyimpan...',
        save: 'Simpan',
        statusInfoTooltipDraft:
          'Isian masih draf. Bila sudah lengkap, ubah statusnya menjadi "Diajukan ke Ketua".',
        statusInfoTooltipInReview:
          'Isian sedang diperiksa Ketua; tidak ada yang perlu dilakukan. Anda masih dapat mengubahnya selama pemeriksaan.',
        deleting: 'Menghapus...',
        updating: 'Memperbarui...',
        status: 'Status: %{status}',
        backCollection: ' Menulis di koleksi %{collectionLabel}',
        unsavedChanges: 'Belum disimpan',
        changesSaved: 'Tersimpan',
        draft: 'Draf',
        inReview: 'Diajukan ke Ketua',
        ready: 'Siap terbit',
        publishNow: 'Terbitkan sekarang',
        deployPreviewPendingButtonLabel: 'Periksa pratinjau',
        deployPreviewButtonLabel: 'Lihat pratinjau',
        deployButtonLabel: 'Lihat di situs',
      },
      editorWidgets: {
        markdown: {
          bold: 'Tebal',
          italic: 'Miring',
          strikethrough: 'Coret',
          code: 'Kode',
          link: 'Tautan',
          linkPrompt: 'Isi alamat tautan',
          headings: 'Judul',
          quote: 'Kutipan',
          bulletedList: 'Daftar berbutir',
          numberedList: 'Daftar bernomor',
          addComponent: 'Tambah komponen',
          richText: 'Teks berformat',
          markdown: 'Markdown',
          toggleMode: {
            rich: 'Beralih ke teks berformat',
            markdown: 'Beralih ke Markdown',
          },
        },
        image: {
          choose: 'Pilih gambar',
          chooseMultiple: 'Pilih gambar',
          chooseUrl: 'Sisipkan dari alamat web',
          replaceUrl: 'Ganti dengan alamat web',
          promptUrl: 'Isi alamat gambar',
          chooseDifferent: 'Pilih gambar lain',
          addMore: 'Tambah gambar',
          remove: 'Hapus gambar',
          removeAll: 'Hapus semua gambar',
        },
        file: {
          choose: 'Pilih berkas',
          chooseUrl: 'Sisipkan dari alamat web',
          chooseMultiple: 'Pilih berkas',
          replaceUrl: 'Ganti dengan alamat web',
          promptUrl: 'Isi alamat berkas',
          chooseDifferent: 'Pilih berkas lain',
          addMore: 'Tambah berkas',
          remove: 'Hapus berkas',
          removeAll: 'Hapus semua berkas',
        },
        unknownControl: {
          noControl: "Tidak ada isian untuk widget '%{widget}'.",
        },
        unknownPreview: {
          noPreview: "Tidak ada pratinjau untuk widget '%{widget}'.",
        },
        headingOptions: {
          headingOne: 'Judul 1',
          headingTwo: 'Judul 2',
          headingThree: 'Judul 3',
          headingFour: 'Judul 4',
          headingFive: 'Judul 5',
          headingSix: 'Judul 6',
        },
        datetime: {
          now: 'Sekarang',
          clear: 'Kosongkan',
          setToNow: 'Isi %{fieldLabel} dengan waktu sekarang',
        },
        list: {
          add: 'Tambah %{item}',
          addType: 'Tambah %{item}',
        },
        object: {
          expand: 'Buka',
          collapse: 'Tutup',
        },
      },
    },
    mediaLibrary: {
      mediaLibraryCard: {
        draft: 'Draf',
        copy: 'Salin',
        copyUrl: 'Salin alamat',
        copyPath: 'Salin jalur',
        copyName: 'Salin nama',
        copied: 'Tersalin',
      },
      mediaLibrary: {
        onDelete: 'Yakin ingin menghapus berkas yang dipilih?',
        fileTooLarge: 'Berkas terlalu besar.\nBatasnya %{size} kB.',
      },
      mediaLibraryModal: {
        loading: 'Memuat...',
        close: 'Tutup',
        noResults: 'Tidak ada hasil.',
        noAssetsFound: 'Belum ada berkas.',
        noImagesFound: 'Belum ada gambar.',
        private: 'Pribadi ',
        images: 'Gambar',
        mediaAssets: 'Berkas',
        search: 'Cari...',
        uploading: 'Mengunggah...',
        upload: 'Unggah',
        download: 'Unduh',
        deleting: 'Menghapus...',
        deleteSelected: 'Hapus yang dipilih',
        chooseSelected: 'Pakai yang dipilih',
      },
    },
    ui: {
      default: {
        goBackToSite: 'Kembali ke situs',
      },
      errorBoundary: {
        title: 'Terjadi kesalahan',
        details: 'Terjadi kesalahan. Laporkan kepada pengelola situs, atau ',
        reportIt: 'buka issue di GitHub.',
        detailsHeading: 'Rincian',
        privacyWarning:
          'Issue yang dibuka berisi pesan kesalahan dan data untuk menelusurinya.\nPeriksa isinya dan hapus data pribadi (NIK, nomor KK) bila ada.',
        recoveredEntry: {
          heading: 'Isian yang dipulihkan',
          warning: 'Salin dan simpan isian ini di tempat lain sebelum meninggalkan halaman!',
          copyButtonLabel: 'Salin ke papan klip',
        },
      },
      settingsDropdown: {
        logOut: 'Keluar',
        account: 'Pilihan akun',
      },
      toast: {
        onFailToLoadEntries: 'Gagal memuat isian: %{details}',
        onFailToLoadDeployPreview: 'Gagal memuat pratinjau: %{details}',
        onFailToPersist: 'Gagal menyimpan isian: %{details}',
        onFailToDelete: 'Gagal menghapus isian: %{details}',
        onFailToUpdateStatus: 'Gagal mengubah status: %{details}',
        missingRequiredField: 'Ada kolom wajib yang belum diisi. Lengkapi dulu sebelum menyimpan.',
        entrySaved: 'Isian tersimpan',
        entryPublished: 'Isian terbit',
        entryUnpublished: 'Isian ditarik dari terbitan',
        onFailToPublishEntry: 'Gagal menerbitkan: %{details}',
        onFailToUnpublishEntry: 'Gagal menarik isian dari terbitan: %{details}',
        entryUpdated: 'Status isian diperbarui',
        onDeleteUnpublishedChanges: 'Perubahan yang belum terbit dihapus',
        noteAdded: 'Catatan ditambahkan',
        onFailToAddNote: 'Gagal menambah catatan: %{details}',
        noteUpdated: 'Catatan diperbarui',
        onFailToUpdateNote: 'Gagal memperbarui catatan: %{details}',
        noteDeleted: 'Catatan dihapus',
        onFailToDeleteNote: 'Gagal menghapus catatan: %{details}',
        noteResolved: 'Catatan ditandai selesai',
        noteReopened: 'Catatan dibuka lagi',
        onFailToToggleNote: 'Gagal mengubah tanda catatan: %{details}',
        onFailToAuth: '%{details}',
        onLoggedOut: 'Anda telah keluar. Simpan salinan isian Anda, lalu masuk lagi',
        onBackendDown: 'Server sedang bermasalah. Lihat %{details} untuk keterangan',
      },
    },
    workflow: {
      workflow: {
        loading: 'Memuat alur persetujuan',
        workflowHeading: 'Alur persetujuan',
        newPost: 'Isian baru',
        description:
          '%{smart_count} isian menunggu persetujuan Ketua, %{readyCount} siap terbit. |||| %{smart_count} isian menunggu persetujuan Ketua, %{readyCount} siap terbit. ',
        // Numeric: Decap's bundled dayjs only knows English month names.
        dateFormat: 'DD/MM/YYYY',
      },
      workflowCard: {
        lastChange: '%{date} oleh %{author}',
        lastChangeNoAuthor: '%{date}',
        lastChangeNoDate: 'oleh %{author}',
        deleteChanges: 'Hapus perubahan',
        deleteNewEntry: 'Hapus isian baru',
        publishChanges: 'Terbitkan perubahan',
        publishNewEntry: 'Terbitkan isian baru',
      },
      workflowList: {
        onDeleteEntry: 'Yakin ingin menghapus isian ini?',
        onPublishingNotReadyEntry:
          'Hanya isian berstatus "Siap terbit" yang dapat diterbitkan. Seret kartunya ke kolom "Siap terbit" dulu.',
        onPublishEntry: 'Yakin ingin menerbitkan isian ini?',
        draftHeader: 'Draf (dikumpulkan petugas)',
        inReviewHeader: 'Diajukan ke Ketua',
        readyHeader: 'Siap terbit',
        currentEntries: '%{smart_count} isian |||| %{smart_count} isian',
      },
    },
  };
  window.CMS.registerLocale('id', id);
})();
